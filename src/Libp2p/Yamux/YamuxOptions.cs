namespace DePinGpu.Libp2p.Yamux;

/// <summary>Limits and timings of a Yamux session.</summary>
public sealed record YamuxOptions
{
    /// <summary>The window every stream starts with, fixed by the spec.</summary>
    public const int InitialWindowSize = 256 * 1024;

    /// <summary>Largest receive window a stream grows to while its reader keeps up (js uses 16 MiB).</summary>
    public int MaxReceiveWindowSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>Total receive window all streams of a session may grow to beyond their initial windows.</summary>
    public long MaxSessionWindowGrowth { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Largest payload of one Data frame sent: a 256 KiB block fits one frame. Its Noise messages (the header travels in
    /// one of its own) are whole and fit a receiver that reads the payload into one buffer, so they decrypt straight into it.
    /// </summary>
    public int MaxFramePayload { get; init; } = 256 * 1024;

    /// <summary>Most streams the remote may have open at once; further SYNs are answered with RST.</summary>
    public int MaxInboundStreams { get; init; } = 1000;

    /// <summary>Most streams this side may have open at once.</summary>
    public int MaxOutboundStreams { get; init; } = 1000;

    /// <summary>Inbound streams waiting to be accepted; beyond this new streams are reset.</summary>
    public int AcceptBacklog { get; init; } = 256;

    /// <summary>Interval of keep-alive pings; null disables them.</summary>
    public TimeSpan? KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a ping may go unanswered before the session is closed.</summary>
    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one write to the transport may stay blocked (the remote stopped reading) before the session is
    /// closed. This bounds what a peer that never reads can cost.
    /// </summary>
    public TimeSpan WriteStallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Control frames (window updates, ping answers, resets) that may queue unsent before the session is closed.</summary>
    public int MaxPendingControlFrames { get; init; } = 4096;
}
