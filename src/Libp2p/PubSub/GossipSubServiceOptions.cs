using DePinGpu.Libp2p.Addressing;

namespace DePinGpu.Libp2p.PubSub;

/// <summary>Settings of <see cref="GossipSubService"/>: the router and the stream plumbing.</summary>
public sealed record GossipSubServiceOptions
{
    /// <summary>The configuration section <c>AddGossipSub</c> reads by default.</summary>
    public const string SectionName = "GossipSub";

    /// <summary>Router settings.</summary>
    public GossipSubOptions Router { get; init; } = new();

    /// <summary>Largest inbound RPC frame (4 MiB, js's default); a larger one ends the stream and is penalised.</summary>
    public int MaxFrameLength { get; init; } = 4 * 1024 * 1024;

    /// <summary>RPCs queued per peer before new ones are dropped.</summary>
    public int OutboxCapacity { get; init; } = 16_384;

    /// <summary>Whether to speak floodsub to peers that offer nothing newer.</summary>
    public bool FloodSubFallback { get; init; } = true;

    /// <summary>
    /// Direct peers (each ending in /p2p/id): always sent every message of their topics, never meshed. For nodes that
    /// must hear each other whatever the mesh does (a provider and its standbys). To keep them connected, list them too
    /// among the discovery's bootstrap peers (<see cref="Discovery.PeerDiscoveryOptions.BootstrapPeers"/>).
    /// </summary>
    public IReadOnlyList<Multiaddr> DirectPeers { get; init; } = [];

    /// <summary>Dial peers learned from PRUNE peer exchange (when they come with a valid signed peer record).</summary>
    public bool ConnectExchangedPeers { get; init; } = true;
}
