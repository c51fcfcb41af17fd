using DePinGpu.ProviderNode.Execution;

namespace DePinGpu.ProviderNode.Checkpoints;

/// <summary>A checkpoint folder that will never be committed, and why.</summary>
/// <param name="Lease">The lease and epoch.</param>
/// <param name="Step">The step in the folder's name.</param>
/// <param name="Path">The folder.</param>
/// <param name="Rejection">The kind of problem.</param>
/// <param name="Reason">A sentence for logs and the tenant.</param>
public sealed record CheckpointRejected(LeaseEpoch Lease, ulong Step, string Path, CheckpointRejection Rejection, string Reason)
    : CheckpointEvent(Lease, Step, Path);
