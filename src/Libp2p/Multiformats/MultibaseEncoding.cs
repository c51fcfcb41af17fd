namespace DePinGpu.Libp2p.Multiformats;

/// <summary>The multibase encodings this code writes.</summary>
public enum MultibaseEncoding
{
    /// <summary>Prefix 'b': RFC 4648 base32, lower case, no padding (CIDv1 default).</summary>
    Base32Lower,

    /// <summary>Prefix 'z': base58btc.</summary>
    Base58Btc,

    /// <summary>Prefix 'f': lower-case hex.</summary>
    Base16Lower,
}
