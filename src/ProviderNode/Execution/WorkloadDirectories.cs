namespace DePinGpu.ProviderNode.Execution;

/// <summary>The host folders a workload gets (bind-mounted into a container, passed as paths to a process).</summary>
/// <param name="Checkpoints">Where the workload writes <c>step-N/</c> folders (read-write).</param>
/// <param name="Output">Where the workload leaves its results (read-write).</param>
/// <param name="Resume">The last committed checkpoint when resuming (read-only); null on a fresh start.</param>
/// <param name="Inputs">The fetched inputs (read-only); null when the spec has none.</param>
public sealed record WorkloadDirectories(string Checkpoints, string Output, string? Resume, string? Inputs);
