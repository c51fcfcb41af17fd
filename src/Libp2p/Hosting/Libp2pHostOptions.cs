using DePinGpu.Libp2p.Yamux;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>Settings of a <see cref="Libp2pHost"/>.</summary>
public sealed record Libp2pHostOptions
{
    /// <summary>Sent in identify as <c>agentVersion</c>.</summary>
    public string AgentVersion { get; init; } = "depingpu-libp2p/0.1.0";

    /// <summary>Sent in identify as <c>protocolVersion</c>.</summary>
    public string ProtocolVersion { get; init; } = "ipfs/0.1.0";

    /// <summary>Connection manager limits and timeouts.</summary>
    public ConnectionLimits Limits { get; init; } = new();

    /// <summary>Yamux settings (stream limits are taken from <see cref="Limits"/>).</summary>
    public YamuxOptions Yamux { get; init; } = new();

    /// <summary>Offer <c>/yamux/1.0.0</c> inside the Noise handshake to save a round trip (js-libp2p does).</summary>
    public bool EarlyMuxerNegotiation { get; init; } = true;

    /// <summary>Time allowed for the identify exchange after a connection opens.</summary>
    public TimeSpan IdentifyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Time background work gets to finish during shutdown.</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(5);
}
