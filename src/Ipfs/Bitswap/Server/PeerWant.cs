using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Bitswap.Server;

/// <summary>Where a remembered want is in the server's handling.</summary>
internal enum PeerWantState
{
    /// <summary>Waiting for a turn.</summary>
    Ready,

    /// <summary>A worker is answering it.</summary>
    Taken,

    /// <summary>The block is not stored; the want waits until it is (or is cancelled).</summary>
    Parked,

    /// <summary>Answered, cancelled or replaced.</summary>
    Removed,
}

/// <summary>One want of a peer as the server remembers it. Mutable state is guarded by the owning ledger's lock.</summary>
internal sealed class PeerWant(WantlistEntry entry, long sequence)
{
    /// <summary>The CID as the peer wrote it (answers use the same form).</summary>
    public Cid Cid { get; } = entry.Cid;

    public int Priority { get; } = entry.Priority;

    public WantType WantType { get; } = entry.WantType;

    public bool SendDontHave { get; } = entry.SendDontHave;

    /// <summary>Arrival order: among equal priorities, earlier wants are served first.</summary>
    public long Sequence { get; } = sequence;

    public PeerWantState State { get; set; } = PeerWantState.Ready;

    /// <summary>A DONT_HAVE was sent for this want; it is not repeated.</summary>
    public bool DontHaveSent { get; set; }
}
