using System.Numerics;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Execution;

namespace DePinGpu.ProviderNode.Checkpoints;

/// <summary>What one lease run's <see cref="CheckpointCommitter"/> needs to know.</summary>
/// <param name="Lease">The lease and the epoch this node holds it at.</param>
/// <param name="Standbys">The order's standbys (provider addresses, lower-case): only their announcements count.</param>
/// <param name="RequiredReplicas">Distinct standbys that must hold a checkpoint before it is committed; 0 commits at once.</param>
/// <param name="ReplicationWait">How long an imported checkpoint waits for them before it is given up (and never committed).</param>
/// <param name="CommittedStep">The last step committed at this epoch; null before the first.</param>
/// <param name="CommittedCid">Its CID (unpinned once a later one is committed).</param>
/// <param name="Acknowledged">
/// True once the lease is acknowledged (the market takes commits only from a running lease); false when it never will be
/// at this epoch (the workload started while the acknowledgement was pending, and it reverted): nothing is committed.
/// </param>
public sealed record CheckpointCommitPlan(
    LeaseEpoch Lease,
    IReadOnlySet<string> Standbys,
    int RequiredReplicas,
    TimeSpan ReplicationWait,
    ulong? CommittedStep,
    Cid? CommittedCid,
    Task<bool> Acknowledged)
{
    /// <summary>The lease id.</summary>
    public BigInteger LeaseId => Lease.LeaseId;

    /// <summary>The epoch as the market's calls take it.</summary>
    public uint Epoch => (uint)Lease.Epoch;

    /// <summary>
    /// The replicas a commit needs: the spec's <c>checkpoint.replicas</c>, but never more than the order has standbys
    /// (none left: 0, the checkpoint is committed at once).
    /// </summary>
    public static int Required(int specReplicas, int standbyCount) => Math.Max(0, Math.Min(specReplicas, standbyCount));
}
