using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Yamux;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>Settings of a <see cref="Libp2pHost"/>.</summary>
public sealed record Libp2pHostOptions
{
    /// <summary>The configuration section <c>AddLibp2pHost</c> reads by default.</summary>
    public const string SectionName = "Libp2p";

    /// <summary>Addresses listened on when the host starts (<c>/ip4/…/tcp/…</c>; port 0 picks a free port).</summary>
    public IReadOnlyList<Multiaddr> ListenAddresses { get; init; } = [];

    /// <summary>
    /// File holding the host's private key (libp2p protobuf form); a new Ed25519 key is written there when it does not
    /// exist. Empty: a new key every start (only for tests and throw-away nodes). Ignored when the application
    /// registers its own <see cref="Identity.PrivateKey"/> (the provider node derives it from its operator key).
    /// </summary>
    public string IdentityKeyFile { get; init; } = string.Empty;

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
