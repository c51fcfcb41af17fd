using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Ipfs.Bitswap.Client;

/// <summary>One peer as a fetch sees it. Guarded by the session's lock.</summary>
internal sealed class SessionPeer(PeerId id, int order)
{
    public PeerId Id { get; } = id;

    /// <summary>Join order, to break ties stably.</summary>
    public int Order { get; } = order;

    /// <summary>Connected and not dropped.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Dropped for good (banned or stalled too often).</summary>
    public bool IsDropped { get; set; }

    /// <summary>Not asked for new blocks before this time (after a stall).</summary>
    public long CoolingUntil { get; set; }

    /// <summary>Blocks asked of this peer with a want-block and not yet received.</summary>
    public HashSet<PendingBlock> Assigned { get; } = [];

    /// <summary>Last time the peer delivered a block, or its in-flight count rose from zero.</summary>
    public long ProgressMark { get; set; }

    public int Stalls { get; set; }

    public bool IsUsable(long now) => IsActive && !IsDropped && CoolingUntil <= now;
}
