namespace DePinGpu.Libp2p.PubSub.Routing;

/// <summary>Per-peer inbound budget: messages and payload bytes per second, with a burst allowance.</summary>
public sealed record PeerRateLimit
{
    /// <summary>Sustained messages per second accepted from one peer.</summary>
    public double MessagesPerSecond { get; init; } = 10_000;

    /// <summary>Messages that may arrive at once above the sustained rate.</summary>
    public double MessageBurst { get; init; } = 20_000;

    /// <summary>Sustained payload bytes per second accepted from one peer.</summary>
    public double BytesPerSecond { get; init; } = 64 * 1024 * 1024;

    /// <summary>Bytes that may arrive at once above the sustained rate.</summary>
    public double ByteBurst { get; init; } = 128 * 1024 * 1024;
}
