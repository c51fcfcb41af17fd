using Org.BouncyCastle.Math.EC.Rfc8032;

namespace DePinGpu.Libp2p.Identity;

/// <summary>An Ed25519 public key (32 bytes); signatures are plain RFC 8032 over the message.</summary>
public sealed class Ed25519PublicKey : PublicKey
{
    /// <summary>Length of the raw key.</summary>
    public const int Length = 32;

    private Ed25519PublicKey(byte[] rawBytes)
        : base(KeyType.Ed25519, rawBytes)
    {
    }

    /// <summary>Wraps a 32-byte key; throws <see cref="FormatException"/> if it is not a valid curve point.</summary>
    public static Ed25519PublicKey FromBytes(ReadOnlySpan<byte> rawBytes)
    {
        if (rawBytes.Length != Length)
        {
            throw new FormatException($"An Ed25519 public key is {Length} bytes, not {rawBytes.Length}.");
        }

        var copy = rawBytes.ToArray();
        if (!Ed25519.ValidatePublicKeyPartial(copy, 0))
        {
            throw new FormatException("The Ed25519 public key is not a valid curve point.");
        }

        return new Ed25519PublicKey(copy);
    }

    /// <inheritdoc />
    public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != Ed25519.SignatureSize)
        {
            return false;
        }

        return Ed25519.Verify(signature.ToArray(), 0, RawBytes.ToArray(), 0, data.ToArray(), 0, data.Length);
    }
}
