using DePinGpu.Protocol.JobSpecs;

namespace DePinGpu.ProviderNode.Execution;

/// <summary>Starts workloads of one kind and finds the ones a previous run of the node left running.</summary>
public interface IWorkloadRuntime
{
    /// <summary>Docker or process.</summary>
    WorkloadRuntimeKind Kind { get; }

    /// <summary>Starts a run; a spec this runtime cannot run (missing image) gives a refusal, not an exception.</summary>
    Task<WorkloadStartResult> StartAsync(WorkloadLaunch launch, CancellationToken cancellationToken);

    /// <summary>
    /// The workloads this node started before it restarted, running or exited, so that the node supervises them again
    /// instead of starting them twice.
    /// </summary>
    Task<IReadOnlyList<IWorkload>> ReattachAsync(CancellationToken cancellationToken);
}
