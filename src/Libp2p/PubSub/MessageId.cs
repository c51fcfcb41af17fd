namespace DePinGpu.Libp2p.PubSub;

/// <summary>
/// A pubsub message id: opaque bytes that all peers on a topic compute the same way (see
/// <see cref="MessageIdFunctions"/>). Equality and hashing are by content; the hash is computed once.
/// </summary>
public readonly struct MessageId : IEquatable<MessageId>
{
    private readonly byte[]? _bytes;
    private readonly int _hash;

    /// <summary>Wraps <paramref name="bytes"/> (copied).</summary>
    public MessageId(ReadOnlySpan<byte> bytes)
        : this(bytes.ToArray())
    {
    }

    private MessageId(byte[] bytes)
    {
        _bytes = bytes;
        var hash = new HashCode();
        hash.AddBytes(bytes);
        _hash = hash.ToHashCode();
    }

    /// <summary>The id bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Wraps an array the caller will not modify afterwards (no copy).</summary>
    internal static MessageId FromOwnedArray(byte[] bytes) => new(bytes);

    /// <summary>The id bytes as an array the caller must not modify (no copy).</summary>
    internal byte[] OwnedArray => _bytes ?? [];

    /// <inheritdoc />
    public bool Equals(MessageId other) => _hash == other._hash && Bytes.SequenceEqual(other.Bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MessageId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <summary>Base64 text, as js-libp2p logs message ids.</summary>
    public override string ToString() => Convert.ToBase64String(Bytes);

    /// <summary>Equality by content.</summary>
    public static bool operator ==(MessageId left, MessageId right) => left.Equals(right);

    /// <summary>Inequality by content.</summary>
    public static bool operator !=(MessageId left, MessageId right) => !left.Equals(right);
}
