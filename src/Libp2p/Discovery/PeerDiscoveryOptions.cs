using DePinGpu.Libp2p.Addressing;

namespace DePinGpu.Libp2p.Discovery;

/// <summary>Settings of <see cref="PeerDiscoveryService"/>: bootstrap peers kept connected and optional mDNS.</summary>
public sealed record PeerDiscoveryOptions
{
    /// <summary>The configuration section <c>AddPeerDiscovery</c> reads by default.</summary>
    public const string SectionName = "Discovery";

    /// <summary>Bootstrap peers (each ending in /p2p/id), kept connected with back-off. List GossipSub's direct peers here too.</summary>
    public IReadOnlyList<Multiaddr> BootstrapPeers { get; init; } = [];

    /// <summary>Bootstrap reconnection policy.</summary>
    public BootstrapOptions Bootstrap { get; init; } = new();

    /// <summary>mDNS discovery on the local network (off by default).</summary>
    public MdnsOptions Mdns { get; init; } = new();
}
