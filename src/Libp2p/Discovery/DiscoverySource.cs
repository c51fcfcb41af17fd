namespace DePinGpu.Libp2p.Discovery;

/// <summary>Where a peer was learned from.</summary>
public enum DiscoverySource
{
    /// <summary>The configured bootstrap list.</summary>
    Bootstrap,

    /// <summary>mDNS on the local network.</summary>
    Mdns,

    /// <summary>Peer exchange in a gossipsub PRUNE.</summary>
    PeerExchange,
}
