namespace DePinGpu.ProviderNode.Execution;

/// <summary>How a workload run ended.</summary>
/// <param name="ExitCode">The exit status (128 + n after a death by signal n).</param>
/// <param name="StoppedByNode">True when the node stopped or killed it (drain, lease moved, shutdown of the lease).</param>
/// <param name="KilledFromOutside">What else killed it, when neither the node nor the workload did (<see cref="OutsideKill.None"/>: nothing).</param>
public sealed record WorkloadExit(int ExitCode, bool StoppedByNode, OutsideKill KilledFromOutside = OutsideKill.None)
{
    /// <summary>The status of a death by SIGKILL (128 + 9).</summary>
    public const int KilledStatus = 137;

    /// <summary>The status of a death by SIGTERM (128 + 15), also what a workload that handles SIGTERM exits with.</summary>
    public const int TerminatedStatus = 143;

    /// <summary>True for a clean exit the node did not cause: the job is done.</summary>
    public bool Completed => ExitCode == 0 && !StoppedByNode;

    /// <summary>True when something other than the node and the workload ended it: the machine's fault, not the job's.</summary>
    public bool IsOutsideKill => KilledFromOutside != OutsideKill.None;
}
