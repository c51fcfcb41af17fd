using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Bitswap.Client;

/// <summary>Where a missing block is in a fetch.</summary>
internal enum PendingState
{
    /// <summary>Waiting to be asked of a peer.</summary>
    Queued,

    /// <summary>Asked of <see cref="PendingBlock.Peer"/> with a want-block.</summary>
    Requested,

    /// <summary>Every usable peer declined it; asked again after the retry interval or when a peer connects.</summary>
    Parked,

    /// <summary>Received and being stored.</summary>
    Storing,
}

/// <summary>A block a fetch still needs. Guarded by the session's lock.</summary>
internal sealed class PendingBlock(Cid cid)
{
    /// <summary>The CID as the parent links to it (sent on the wire in that form).</summary>
    public Cid Cid { get; } = cid;

    public PendingState State { get; set; } = PendingState.Queued;

    /// <summary>Its node in the session's ask queue while <see cref="State"/> is Queued.</summary>
    public LinkedListNode<PendingBlock>? QueueNode { get; set; }

    /// <summary>The peer asked for the block itself, while <see cref="State"/> is Requested.</summary>
    public SessionPeer? Peer { get; set; }

    /// <summary>When the want-block went out (<see cref="Environment.TickCount64"/>).</summary>
    public long RequestedAt { get; set; }

    /// <summary>Peers that said HAVE.</summary>
    public HashSet<PeerId> HaveFrom { get; } = [];

    /// <summary>Peers that said DONT_HAVE (not asked again until the next retry).</summary>
    public HashSet<PeerId> Refused { get; } = [];

    /// <summary>Peers that did not deliver it in time (asked again only when nobody else can be).</summary>
    public HashSet<PeerId> TimedOut { get; } = [];

    /// <summary>Peers sent a want-have for it (cancelled when the block arrives).</summary>
    public HashSet<PeerId> AskedHave { get; } = [];

    /// <summary>Peers sent a want-block for it at some point (cancelled when the block arrives).</summary>
    public HashSet<PeerId> AskedBlock { get; } = [];
}
