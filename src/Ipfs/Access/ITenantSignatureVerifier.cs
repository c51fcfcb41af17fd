namespace DePinGpu.Ipfs.Access;

/// <summary>
/// Checks a tenant's signature over a request message. The Ethereum implementation (EIP-191 <c>personal_sign</c>,
/// secp256k1 recovery) lives with the chain code in src/Protocol, so this project needs no Ethereum library.
/// </summary>
public interface ITenantSignatureVerifier
{
    /// <summary>True when <paramref name="signature"/> (0x + 65 bytes hex) is <paramref name="address"/>'s signature of <paramref name="message"/>.</summary>
    bool IsSignedBy(string message, string signature, string address);
}
