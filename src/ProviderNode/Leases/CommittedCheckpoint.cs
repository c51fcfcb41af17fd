using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.ProviderNode.Leases;

/// <summary>The lease's last committed checkpoint, exported for a hand-over; or why there is none.</summary>
/// <param name="Cid">Its CID; null when none was committed or it could not be obtained.</param>
/// <param name="Step">Its step (0 when none).</param>
/// <param name="Directory">The folder it was exported to; null when there is none.</param>
/// <param name="Problem">Why a committed checkpoint could not be exported; null when it was, or when none exists.</param>
/// <param name="Prepared">True when it was the folder a standby prepared while the provider was silent (nothing was exported now).</param>
public sealed record CommittedCheckpoint(Cid? Cid, ulong Step, string? Directory, string? Problem, bool Prepared = false)
{
    /// <summary>No checkpoint was committed yet: the workload starts afresh.</summary>
    public static CommittedCheckpoint None { get; } = new(null, 0, null, null);
}
