using DePinGpu.Protocol.JobSpecs;

namespace DePinGpu.ProviderNode.Execution;

/// <summary>One run of a workload (a container or a process group) that the node supervises.</summary>
public interface IWorkload : IAsyncDisposable
{
    /// <summary>The lease and epoch it runs for.</summary>
    LeaseEpoch Lease { get; }

    /// <summary>Which run this is (<c>DEPIN_RESTART_COUNT</c>).</summary>
    int RestartCount { get; }

    /// <summary>A runtime-specific id (container id, or process id).</summary>
    string RuntimeId { get; }

    /// <summary>Its stdout and stderr, bounded.</summary>
    WorkloadLogStore Logs { get; }

    /// <summary>Completes when the run ends.</summary>
    Task<WorkloadExit> Completion { get; }

    /// <summary>Sends a signal (the "checkpoint now" one) without stopping it.</summary>
    Task SignalAsync(WorkloadSignal signal, CancellationToken cancellationToken);

    /// <summary>SIGTERM, then a kill once <paramref name="gracePeriod"/> has passed; completes when it has ended.</summary>
    Task<WorkloadExit> StopAsync(TimeSpan gracePeriod, CancellationToken cancellationToken);

    /// <summary>Kills it at once (the lease moved away); completes when it has ended.</summary>
    Task<WorkloadExit> KillAsync(CancellationToken cancellationToken);

    /// <summary>Removes what the run left (the container); only after it ended.</summary>
    Task RemoveAsync(CancellationToken cancellationToken);
}
