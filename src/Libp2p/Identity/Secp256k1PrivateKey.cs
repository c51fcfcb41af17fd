using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;

namespace DePinGpu.Libp2p.Identity;

/// <summary>
/// A secp256k1 private key (32-byte scalar). Signs SHA-256 of the message with deterministic nonces
/// (RFC 6979), normalises S to the low half and encodes the signature as DER, which js-libp2p requires.
/// </summary>
public sealed class Secp256k1PrivateKey : PrivateKey
{
    /// <summary>Length of the scalar.</summary>
    public const int Length = 32;

    private readonly ECPrivateKeyParameters _parameters;

    private Secp256k1PrivateKey(BigInteger scalar)
    {
        _parameters = new ECPrivateKeyParameters(scalar, Secp256k1Curve.Domain);
        PublicKey = Secp256k1PublicKey.FromPoint(Secp256k1Curve.Domain.G.Multiply(scalar));
    }

    /// <inheritdoc />
    public override KeyType Type => KeyType.Secp256k1;

    /// <inheritdoc />
    public override PublicKey PublicKey { get; }

    /// <summary>A new random key.</summary>
    public static Secp256k1PrivateKey Generate()
    {
        Span<byte> candidate = stackalloc byte[Length];
        while (true)
        {
            RandomNumberGenerator.Fill(candidate);
            var scalar = new BigInteger(1, candidate);
            if (IsValidScalar(scalar))
            {
                CryptographicOperations.ZeroMemory(candidate);
                return new Secp256k1PrivateKey(scalar);
            }
        }
    }

    /// <summary>The key for a 32-byte big-endian scalar (e.g. an Ethereum account key); it must be in [1, n-1].</summary>
    public static Secp256k1PrivateKey FromBytes(ReadOnlySpan<byte> scalarBytes)
    {
        if (scalarBytes.Length != Length)
        {
            throw new FormatException($"A secp256k1 private key is {Length} bytes, not {scalarBytes.Length}.");
        }

        var scalar = new BigInteger(1, scalarBytes);
        return IsValidScalar(scalar)
            ? new Secp256k1PrivateKey(scalar)
            : throw new FormatException("The secp256k1 private key is zero or not below the curve order.");
    }

    /// <inheritdoc />
    public override byte[] Sign(ReadOnlySpan<byte> data)
    {
        var digest = SHA256.HashData(data);
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, _parameters);
        var components = signer.GenerateSignature(digest);
        var r = components[0];
        var s = components[1];
        if (s.CompareTo(Secp256k1Curve.HalfOrder) > 0)
        {
            s = Secp256k1Curve.Domain.N.Subtract(s);
        }

        return Secp256k1Curve.EncodeDer(r, s);
    }

    /// <inheritdoc />
    public override byte[] ToProtobuf()
    {
        var scalar = _parameters.D.ToByteArrayUnsigned();
        var padded = new byte[Length];
        scalar.CopyTo(padded, Length - scalar.Length);
        try
        {
            return KeyProtobuf.Encode(KeyType.Secp256k1, padded);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(padded);
            CryptographicOperations.ZeroMemory(scalar);
        }
    }

    private static bool IsValidScalar(BigInteger scalar) =>
        scalar.SignValue > 0 && scalar.CompareTo(Secp256k1Curve.Domain.N) < 0;
}
