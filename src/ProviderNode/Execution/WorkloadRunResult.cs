namespace DePinGpu.ProviderNode.Execution;

/// <summary>How a supervised workload ended after all its restarts in place: refused, or its last run's exit.</summary>
/// <param name="Exit">The last run's exit; null when the first start was refused.</param>
/// <param name="Restarts">Restarts in place that happened.</param>
/// <param name="Refusal">Why a start was refused; null when it ran.</param>
public sealed record WorkloadRunResult(WorkloadExit? Exit, int Restarts, string? Refusal);
