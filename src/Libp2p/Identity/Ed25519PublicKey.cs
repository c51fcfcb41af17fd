using NSec.Cryptography;
using BouncyEd25519 = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;

namespace DePinGpu.Libp2p.Identity;

/// <summary>An Ed25519 public key (32 bytes); signatures are plain RFC 8032 over the message.</summary>
public sealed class Ed25519PublicKey : PublicKey
{
    /// <summary>Length of the raw key.</summary>
    public const int Length = 32;

    private const int SignatureLength = 64;

    // Imported once: every GossipSub delivery verifies a signature with the sender's key.
    private readonly NSec.Cryptography.PublicKey _key;

    private Ed25519PublicKey(byte[] rawBytes)
        : base(KeyType.Ed25519, rawBytes)
    {
        _key = NSec.Cryptography.PublicKey.Import(SignatureAlgorithm.Ed25519, rawBytes, KeyBlobFormat.RawPublicKey);
    }

    /// <summary>Wraps a 32-byte key; throws <see cref="FormatException"/> if it is not a valid curve point.</summary>
    public static Ed25519PublicKey FromBytes(ReadOnlySpan<byte> rawBytes)
    {
        if (rawBytes.Length != Length)
        {
            throw new FormatException($"An Ed25519 public key is {Length} bytes, not {rawBytes.Length}.");
        }

        var copy = rawBytes.ToArray();

        // NSec imports any 32 bytes; keep BouncyCastle's point check so the set of accepted keys is unchanged.
        if (!BouncyEd25519.ValidatePublicKeyPartial(copy, 0))
        {
            throw new FormatException("The Ed25519 public key is not a valid curve point.");
        }

        return new Ed25519PublicKey(copy);
    }

    /// <inheritdoc />
    public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureLength)
        {
            return false;
        }

        if (SignatureAlgorithm.Ed25519.Verify(_key, data, signature))
        {
            return true;
        }

        // libsodium is stricter than BouncyCastle, which this code used before, on edge cases that honest signers
        // never produce (small-order or non-canonical keys and R points). Re-checking a rejection with BouncyCastle
        // keeps the accepted set exactly as it was, so interop does not change; only invalid signatures pay for it.
        return BouncyEd25519.Verify(signature.ToArray(), 0, RawBytes.ToArray(), 0, data.ToArray(), 0, data.Length);
    }
}
