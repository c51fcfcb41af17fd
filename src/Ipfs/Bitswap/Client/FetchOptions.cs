using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Ipfs.Bitswap.Client;

/// <summary>How one DAG fetch behaves.</summary>
public sealed record FetchOptions
{
    /// <summary>Peers to ask in addition to (or, with <see cref="UseConnectedPeers"/> off, instead of) the connected ones; connected first if needed.</summary>
    public IReadOnlyList<PeerId> Peers { get; init; } = [];

    /// <summary>Also ask every connected Bitswap peer, including ones that connect during the fetch.</summary>
    public bool UseConnectedPeers { get; init; } = true;

    /// <summary>Pin the root recursively once every block is stored.</summary>
    public bool PinRoot { get; init; } = true;

    /// <summary>Name of that pin.</summary>
    public string? PinName { get; init; }

    /// <summary>Most blocks asked for and not yet received, over all peers.</summary>
    public int MaxWantsInFlight { get; init; } = 256;

    /// <summary>Most blocks asked of one peer and not yet received.</summary>
    public int MaxWantsPerPeer { get; init; } = 128;

    /// <summary>Other peers sent a want-have alongside each want-block, to learn early who else holds the block.</summary>
    public int WantHaveFanout { get; init; } = 2;

    /// <summary>A block asked of a peer and not received within this time is asked of another peer.</summary>
    public TimeSpan WantTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A peer with wants in flight that delivers nothing for this long is treated as stalled and its wants re-asked elsewhere.</summary>
    public TimeSpan PeerStallTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A peer that stalls this many times is dropped from the fetch.</summary>
    public int MaxPeerStalls { get; init; } = 3;

    /// <summary>How often blocks every peer declined are asked again (a peer may have obtained them meanwhile).</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The fetch ends as <see cref="FetchOutcome.Unavailable"/> when no block arrives for this long.</summary>
    public TimeSpan NoProgressTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Least time between two progress reports.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Largest DAG accepted, in blocks (bounds memory against a hostile DAG).</summary>
    public long MaxBlocks { get; init; } = 50_000_000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (MaxWantsInFlight <= 0 || MaxWantsPerPeer <= 0 || WantHaveFanout < 0 || MaxPeerStalls <= 0 || MaxBlocks <= 0)
        {
            throw new ArgumentException("MaxWantsInFlight, MaxWantsPerPeer, MaxPeerStalls and MaxBlocks must be positive and WantHaveFanout not negative.");
        }

        if (WantTimeout <= TimeSpan.Zero || PeerStallTimeout <= TimeSpan.Zero || RetryInterval <= TimeSpan.Zero || NoProgressTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("WantTimeout, PeerStallTimeout, RetryInterval and NoProgressTimeout must be positive.");
        }

        if (Peers.Any(peer => peer is null))
        {
            throw new ArgumentException("Peers must not contain null.");
        }
    }
}
