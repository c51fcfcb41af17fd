using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace DePinGpu.Libp2p.Identity;

/// <summary>
/// A secp256k1 public key, 33-byte compressed SEC1 in the protobuf. Signatures are ECDSA over SHA-256 of the
/// message, DER encoded; like js-libp2p, only low-S signatures are accepted.
/// </summary>
public sealed class Secp256k1PublicKey : PublicKey
{
    /// <summary>Length of the compressed key.</summary>
    public const int CompressedLength = 33;

    private readonly ECPublicKeyParameters _parameters;

    private Secp256k1PublicKey(ECPoint point)
        : base(KeyType.Secp256k1, point.GetEncoded(true))
    {
        _parameters = new ECPublicKeyParameters(point, Secp256k1Curve.Domain);
    }

    /// <summary>
    /// Parses a SEC1 point: 33 bytes compressed or 65 bytes uncompressed (<c>04 ‖ x ‖ y</c>), or the 64-byte
    /// <c>x ‖ y</c> form used by Ethereum tooling. The key is stored compressed.
    /// </summary>
    public static Secp256k1PublicKey FromBytes(ReadOnlySpan<byte> encoded)
    {
        byte[] sec1;
        if (encoded.Length == 64)
        {
            sec1 = new byte[65];
            sec1[0] = 0x04;
            encoded.CopyTo(sec1.AsSpan(1));
        }
        else if (encoded.Length is CompressedLength or 65)
        {
            sec1 = encoded.ToArray();
        }
        else
        {
            throw new FormatException($"A secp256k1 public key is 33 (compressed) or 65 bytes, not {encoded.Length}.");
        }

        ECPoint point;
        try
        {
            point = Secp256k1Curve.Domain.Curve.DecodePoint(sec1).Normalize();
        }
        catch (ArgumentException exception)
        {
            throw new FormatException("The secp256k1 public key is not a valid curve point.", exception);
        }

        if (point.IsInfinity || !point.IsValid())
        {
            throw new FormatException("The secp256k1 public key is not a valid curve point.");
        }

        return new Secp256k1PublicKey(point);
    }

    /// <summary>Internal constructor from a computed point.</summary>
    internal static Secp256k1PublicKey FromPoint(ECPoint point) => new(point.Normalize());

    /// <summary>The 65-byte uncompressed SEC1 encoding (<c>04 ‖ x ‖ y</c>).</summary>
    public byte[] ToUncompressed() => _parameters.Q.GetEncoded(false);

    /// <inheritdoc />
    public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (!Secp256k1Curve.TryDecodeDer(signature, out var r, out var s))
        {
            return false;
        }

        if (s.CompareTo(Secp256k1Curve.HalfOrder) > 0)
        {
            return false;
        }

        var digest = SHA256.HashData(data);
        var verifier = new ECDsaSigner();
        verifier.Init(false, _parameters);
        return verifier.VerifySignature(digest, r, s);
    }
}
