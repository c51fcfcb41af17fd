namespace DePinGpu.Protocol.JobSpecs;

/// <summary>How a stateful workload checkpoints and how many standbys must hold a checkpoint before its commit.</summary>
/// <param name="Interval">How often the workload is expected to write a checkpoint.</param>
/// <param name="Replicas">Standby pins required before the node commits a checkpoint on-chain.</param>
/// <param name="Signal">The signal that asks the workload to checkpoint now (sent before a drain).</param>
public sealed record CheckpointPolicy(TimeSpan Interval, int Replicas, WorkloadSignal Signal)
{
    /// <summary>Every 60 s, one standby pin, SIGUSR1.</summary>
    public static CheckpointPolicy Default { get; } = new(TimeSpan.FromSeconds(60), 1, WorkloadSignal.User1);
}
