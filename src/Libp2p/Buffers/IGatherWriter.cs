namespace DePinGpu.Libp2p.Buffers;

/// <summary>
/// A stream that can write several separate pieces as one write, without the caller first copying them into one buffer
/// (a scatter-gather write). The muxer uses it to hand frame headers and payloads to the secure channel as they lie.
/// </summary>
public interface IGatherWriter
{
    /// <summary>
    /// Writes <paramref name="pieces"/> in order, as if they were one buffer. The pieces must stay unchanged until the
    /// returned task completes. The same concurrency rules as the stream's own writes apply.
    /// </summary>
    ValueTask WriteAsync(IReadOnlyList<ReadOnlyMemory<byte>> pieces, CancellationToken cancellationToken = default);
}
