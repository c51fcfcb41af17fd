using DePinGpu.ProviderNode.Execution;

namespace DePinGpu.ProviderNode.Checkpoints;

/// <summary>What the watcher reports about one <c>step-N</c> folder of a lease's checkpoint directory.</summary>
/// <param name="Lease">The lease and epoch whose workload wrote it.</param>
/// <param name="Step">The step in the folder's name.</param>
/// <param name="Path">The folder.</param>
public abstract record CheckpointEvent(LeaseEpoch Lease, ulong Step, string Path);
