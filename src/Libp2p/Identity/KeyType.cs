namespace DePinGpu.Libp2p.Identity;

/// <summary>The key types of the libp2p key protobuf (<c>KeyType</c> enum in the peer-ids spec).</summary>
public enum KeyType
{
    /// <summary>RSA (not supported by this implementation).</summary>
    Rsa = 0,

    /// <summary>Ed25519 (RFC 8032).</summary>
    Ed25519 = 1,

    /// <summary>secp256k1 ECDSA with SHA-256 and DER signatures.</summary>
    Secp256k1 = 2,

    /// <summary>ECDSA P-256 (not supported by this implementation).</summary>
    Ecdsa = 3,
}
