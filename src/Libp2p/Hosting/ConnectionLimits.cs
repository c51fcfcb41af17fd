namespace DePinGpu.Libp2p.Hosting;

/// <summary>Limits the connection manager enforces; every bound protects the host from a misbehaving peer.</summary>
public sealed record ConnectionLimits
{
    /// <summary>Most open connections in total; further inbound connections are refused.</summary>
    public int MaxConnections { get; init; } = 300;

    /// <summary>Most connections to one peer (two allow simultaneous dials).</summary>
    public int MaxConnectionsPerPeer { get; init; } = 2;

    /// <summary>Most inbound handshakes in progress at once.</summary>
    public int MaxPendingHandshakes { get; init; } = 64;

    /// <summary>Most streams the remote may open on one connection.</summary>
    public int MaxInboundStreamsPerConnection { get; init; } = 256;

    /// <summary>Most streams this host may open on one connection.</summary>
    public int MaxOutboundStreamsPerConnection { get; init; } = 1000;

    /// <summary>Time allowed for TCP connect plus security and muxer negotiation.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Time allowed for protocol negotiation on a new stream.</summary>
    public TimeSpan StreamNegotiationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A connection without streams for this long is closed; null keeps idle connections open.</summary>
    public TimeSpan? IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Most peers remembered in the peer store (least recently seen unconnected peers are dropped).</summary>
    public int MaxPeerStoreEntries { get; init; } = 10_000;
}
