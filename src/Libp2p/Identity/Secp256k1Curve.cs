using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;

namespace DePinGpu.Libp2p.Identity;

/// <summary>Shared secp256k1 domain parameters and the strict DER signature codec.</summary>
internal static class Secp256k1Curve
{
    /// <summary>Longest DER signature: SEQUENCE of two 33-byte INTEGERs.</summary>
    public const int MaxDerSignatureLength = 72;

    public static readonly ECDomainParameters Domain = CreateDomain();

    public static readonly BigInteger HalfOrder = Domain.N.ShiftRight(1);

    public static byte[] EncodeDer(BigInteger r, BigInteger s) =>
        new DerSequence(new DerInteger(r), new DerInteger(s)).GetEncoded(Asn1Encodable.Der);

    /// <summary>Parses a DER signature; returns false for anything not in canonical DER form.</summary>
    public static bool TryDecodeDer(ReadOnlySpan<byte> der, out BigInteger r, out BigInteger s)
    {
        r = BigInteger.Zero;
        s = BigInteger.Zero;
        if (der.Length is < 8 or > MaxDerSignatureLength)
        {
            return false;
        }

        try
        {
            var bytes = der.ToArray();
            if (Asn1Object.FromByteArray(bytes) is not Asn1Sequence { Count: 2 } sequence
                || sequence[0] is not DerInteger first
                || sequence[1] is not DerInteger second)
            {
                return false;
            }

            r = first.PositiveValue;
            s = second.PositiveValue;

            // Re-encoding must give the same bytes: rejects BER forms, padding and trailing data.
            return first.Value.SignValue > 0 && second.Value.SignValue > 0 && EncodeDer(r, s).AsSpan().SequenceEqual(der);
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or InvalidOperationException)
        {
            // Malformed ASN.1 is an invalid signature, not a fault.
            return false;
        }
    }

    private static ECDomainParameters CreateDomain()
    {
        var curve = CustomNamedCurves.GetByName("secp256k1");
        return new ECDomainParameters(curve.Curve, curve.G, curve.N, curve.H);
    }
}
