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

    /// <summary>Most inbound handshakes in progress at once from one source (an IPv4 address, an IPv6 /64).</summary>
    public int MaxPendingHandshakesPerSource { get; init; } = 8;

    /// <summary>Most inbound handshakes in progress at once from one subnet (an IPv4 /24, an IPv6 /48).</summary>
    public int MaxPendingHandshakesPerSubnet { get; init; } = 16;

    /// <summary>
    /// Of <see cref="MaxPendingHandshakes"/>, how many only sources the host knows may take (addresses in its peer
    /// store, peers it dialled), so a flood from many unknown sources cannot shut out the peers it already works with.
    /// </summary>
    public int PendingHandshakesReservedForKnownPeers { get; init; } = 16;

    /// <summary>
    /// Time an inbound socket may stay silent before its first byte; one that sends nothing is closed then, freeing its
    /// handshake slot well before <see cref="HandshakeTimeout"/> (a real dialer speaks at once). A value above
    /// <see cref="HandshakeTimeout"/> has no effect: the handshake timeout ends the wait first.
    /// </summary>
    public TimeSpan SilentSocketTimeout { get; init; } = TimeSpan.FromSeconds(5);

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
