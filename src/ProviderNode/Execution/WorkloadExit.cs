namespace DePinGpu.ProviderNode.Execution;

/// <summary>How a workload run ended.</summary>
/// <param name="ExitCode">The exit status (128 + n after a death by signal n).</param>
/// <param name="StoppedByNode">True when the node stopped or killed it (drain, lease moved, shutdown of the lease).</param>
public sealed record WorkloadExit(int ExitCode, bool StoppedByNode)
{
    /// <summary>True for a clean exit the node did not cause: the job is done.</summary>
    public bool Completed => ExitCode == 0 && !StoppedByNode;
}
