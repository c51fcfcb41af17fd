using DePinGpu.Libp2p.Identity;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Util;

namespace DePinGpu.Protocol.Wallets;

/// <summary>
/// An unlocked secp256k1 account key. It never prints its private key: <see cref="ToString"/> shows the address.
/// </summary>
public sealed class WalletKey
{
    private readonly EthECKey _key;

    private WalletKey(EthECKey key)
    {
        _key = key;
        Address = key.GetPublicAddress().ConvertToEthereumChecksumAddress();
    }

    /// <summary>The account address, EIP-55 checksummed.</summary>
    public string Address { get; }

    /// <summary>The 64-byte uncompressed public key without its 0x04 prefix (what the registry takes).</summary>
    public byte[] PublicKey => _key.GetPubKeyNoPrefix(false);

    /// <summary>The 33-byte compressed public key (what libp2p puts in the peer id).</summary>
    public byte[] CompressedPublicKey => _key.GetPubKey(true);

    /// <summary>The libp2p peer id of this key, as an operator key (see <see cref="OperatorIdentity"/>).</summary>
    public PeerId PeerId => OperatorIdentity.PeerIdFromCompressedPublicKey(CompressedPublicKey);

    /// <summary>The libp2p private key with the same scalar: a node's host identity is its operator key.</summary>
    public Secp256k1PrivateKey ToLibp2pPrivateKey() => OperatorIdentity.ToLibp2pPrivateKey(this);

    /// <summary>The Nethereum key, for signing inside this library.</summary>
    internal EthECKey SigningKey => _key;

    /// <summary>Creates a fresh random key.</summary>
    public static WalletKey Generate() => new(EthECKey.GenerateKey());

    /// <summary>Reads a 32-byte private key given as hex (with or without 0x).</summary>
    public static WalletKey FromPrivateKey(string privateKeyHex)
    {
        ArgumentNullException.ThrowIfNull(privateKeyHex);
        var text = privateKeyHex.Trim();
        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (digits.Length != 64 || !digits.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException("A private key must be 32 bytes written as 64 hex digits.", nameof(privateKeyHex));
        }

        return FromPrivateKey(digits.HexToByteArray());
    }

    /// <summary>Reads a 32-byte private key.</summary>
    public static WalletKey FromPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32)
        {
            throw new ArgumentException("A private key must be exactly 32 bytes.", nameof(privateKey));
        }

        var scalar = new System.Numerics.BigInteger(privateKey, isUnsigned: true, isBigEndian: true);
        if (scalar.IsZero || scalar >= Secp256k1Order)
        {
            throw new ArgumentException("The private key is not a valid secp256k1 scalar (zero or not below the curve order).", nameof(privateKey));
        }

        return new WalletKey(new EthECKey(privateKey.ToArray(), true));
    }

    /// <summary>Copies the private key bytes (for writing a keystore; never log them).</summary>
    public byte[] ExportPrivateKey() => (byte[])_key.GetPrivateKeyAsBytes().Clone();

    /// <inheritdoc />
    public override string ToString() => Address;

    private static readonly System.Numerics.BigInteger Secp256k1Order = System.Numerics.BigInteger.Parse(
        "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141",
        System.Globalization.NumberStyles.AllowHexSpecifier,
        System.Globalization.CultureInfo.InvariantCulture);
}
