using System.Security.Cryptography;
using NSec.Cryptography;

namespace DePinGpu.Libp2p.Identity;

/// <summary>An Ed25519 private key, held as its 32-byte seed.</summary>
public sealed class Ed25519PrivateKey : PrivateKey
{
    /// <summary>Length of the seed.</summary>
    public const int SeedLength = 32;

    private readonly byte[] _seed;

    // libsodium's key, expanded once: signing is the hot path of GossipSub publishing and the Noise handshake.
    // Owned for the lifetime of this object; its SafeHandle frees the native memory when collected.
    private readonly Key _key;

    private Ed25519PrivateKey(byte[] seed)
    {
        _seed = seed;
        _key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
        PublicKey = Ed25519PublicKey.FromBytes(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <inheritdoc />
    public override KeyType Type => KeyType.Ed25519;

    /// <inheritdoc />
    public override PublicKey PublicKey { get; }

    /// <summary>A new random key.</summary>
    public static Ed25519PrivateKey Generate() => new(RandomNumberGenerator.GetBytes(SeedLength));

    /// <summary>The key for a 32-byte seed.</summary>
    public static Ed25519PrivateKey FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedLength)
        {
            throw new FormatException($"An Ed25519 seed is {SeedLength} bytes, not {seed.Length}.");
        }

        return new Ed25519PrivateKey(seed.ToArray());
    }

    /// <summary>
    /// Parses the protobuf Data field: <c>seed ‖ public</c> (64 bytes) or the legacy <c>seed ‖ public ‖ public</c>
    /// (96 bytes). The embedded public key must match the seed.
    /// </summary>
    internal static Ed25519PrivateKey FromProtobufData(ReadOnlySpan<byte> data)
    {
        if (data.Length is not (64 or 96))
        {
            throw new FormatException($"Ed25519 private key data is 64 (or legacy 96) bytes, not {data.Length}.");
        }

        var key = FromSeed(data[..SeedLength]);
        if (!data.Slice(SeedLength, Ed25519PublicKey.Length).SequenceEqual(key.PublicKey.RawBytes.Span))
        {
            throw new FormatException("The Ed25519 private key's embedded public key does not match its seed.");
        }

        return key;
    }

    /// <inheritdoc />
    public override byte[] Sign(ReadOnlySpan<byte> data) => SignatureAlgorithm.Ed25519.Sign(_key, data);

    /// <inheritdoc />
    public override byte[] ToProtobuf()
    {
        var data = new byte[SeedLength + Ed25519PublicKey.Length];
        _seed.CopyTo(data, 0);
        PublicKey.RawBytes.Span.CopyTo(data.AsSpan(SeedLength));
        try
        {
            return KeyProtobuf.Encode(KeyType.Ed25519, data);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(data);
        }
    }
}
