using DePinGpu.ProviderNode.Connectivity;
using DePinGpu.Protocol.JobSpecs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Execution;

/// <summary>
/// Runs a lease's workload on the runtime its spec names and restarts it in place when it exits with the spec's
/// restart exit code, or when something other than the node and the workload killed it (<see cref="OutsideKill"/>:
/// <c>docker kill</c>, the OOM killer, a removed container — the machine's fault, not the tenant's): a new run with
/// <c>DEPIN_RESTART_COUNT</c> one higher and <c>DEPIN_RESUME_DIR</c> at the last committed checkpoint, up to
/// <see cref="ExecutionOptions.MaxRestarts"/> restarts in all. A run the node stopped is never restarted,
/// except one the <see cref="ChainLossGuard"/> stopped (spec <c>onChainLoss: stop</c>): that one starts again the same
/// way once the chain is back and the lease is still this node's.
/// </summary>
public sealed class WorkloadSupervisor
{
    private readonly IReadOnlyDictionary<WorkloadRuntimeKind, IWorkloadRuntime> _runtimes;
    private readonly ExecutionOptions _options;
    private readonly ILogger<WorkloadSupervisor> _logger;
    private readonly ExecutionMetrics _metrics;
    private readonly ChainLossGuard? _chainLoss;

    /// <summary>Creates a supervisor over the registered runtimes; <paramref name="chainLoss"/> applies the specs' on-chain-loss policy (none: never stopped for it).</summary>
    public WorkloadSupervisor(IEnumerable<IWorkloadRuntime> runtimes, IOptions<ExecutionOptions> options, ILogger<WorkloadSupervisor> logger, ExecutionMetrics metrics, ChainLossGuard? chainLoss = null)
    {
        _chainLoss = chainLoss;
        ArgumentNullException.ThrowIfNull(runtimes);
        ArgumentNullException.ThrowIfNull(options);
        _runtimes = runtimes.ToDictionary(runtime => runtime.Kind);
        _options = options.Value;
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>
    /// Runs <paramref name="launch"/> until a run ends other than by asking for a restart.
    /// <paramref name="resumeDirectory"/> gives the last committed checkpoint's folder for a restart (null: none yet);
    /// <paramref name="started"/> sees every run as it starts (the lease keeps it to signal or stop it).
    /// </summary>
    public Task<WorkloadRunResult> RunAsync(
        WorkloadLaunch launch,
        Func<string?> resumeDirectory,
        Func<IWorkload, Task> started,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resumeDirectory);
        return RunAsync(launch, _ => Task.FromResult(resumeDirectory()), started, cancellationToken);
    }

    /// <summary>As the other overload, with a resume folder that takes work to produce (an export of the last committed checkpoint).</summary>
    public Task<WorkloadRunResult> RunAsync(
        WorkloadLaunch launch,
        Func<CancellationToken, Task<string?>> resumeDirectory,
        Func<IWorkload, Task> started,
        CancellationToken cancellationToken) =>
        SuperviseAsync(launch, null, resumeDirectory, started, cancellationToken);

    /// <summary>
    /// Supervises <paramref name="adopted"/>, a run that outlived the node's restart and was re-attached, as if this node
    /// had started it for <paramref name="launch"/>: once it ends it is restarted in place on the same terms.
    /// </summary>
    public Task<WorkloadRunResult> AdoptAsync(
        WorkloadLaunch launch,
        IWorkload adopted,
        Func<CancellationToken, Task<string?>> resumeDirectory,
        Func<IWorkload, Task> started,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(adopted);
        return SuperviseAsync(launch with { RestartCount = adopted.RestartCount }, adopted, resumeDirectory, started, cancellationToken);
    }

    private async Task<WorkloadRunResult> SuperviseAsync(
        WorkloadLaunch launch,
        IWorkload? adopted,
        Func<CancellationToken, Task<string?>> resumeDirectory,
        Func<IWorkload, Task> started,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(resumeDirectory);
        ArgumentNullException.ThrowIfNull(started);
        if (!_runtimes.TryGetValue(launch.Spec.Runtime, out var runtime))
        {
            return new WorkloadRunResult(null, 0, $"this node has no {launch.Spec.Runtime} runtime");
        }

        var restarts = 0;
        while (true)
        {
            var start = adopted is null ? await runtime.StartAsync(launch, cancellationToken).ConfigureAwait(false) : WorkloadStartResult.Success(adopted);
            adopted = null;
            if (start.Workload is not { } workload)
            {
                return new WorkloadRunResult(null, restarts, start.Refusal);
            }

            await started(workload).ConfigureAwait(false);
            var (exit, resume) = await WaitAsync(launch, workload, cancellationToken).ConfigureAwait(false);
            if (resume)
            {
                await workload.RemoveAsync(cancellationToken).ConfigureAwait(false);
                await workload.DisposeAsync().ConfigureAwait(false);
                launch = await NextRunAsync(launch, resumeDirectory, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!MayRestart(launch, workload, exit, restarts))
            {
                return new WorkloadRunResult(exit, restarts, null);
            }

            await workload.RemoveAsync(cancellationToken).ConfigureAwait(false);
            await workload.DisposeAsync().ConfigureAwait(false);
            restarts++;
            _metrics.Restarted();
            launch = await NextRunAsync(launch, resumeDirectory, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the run to end; resume is true when the chain-loss guard stopped it and the lease is still ours.</summary>
    private async Task<(WorkloadExit Exit, bool Resume)> WaitAsync(WorkloadLaunch launch, IWorkload workload, CancellationToken cancellationToken)
    {
        if (_chainLoss is null)
        {
            return (await workload.Completion.WaitAsync(cancellationToken).ConfigureAwait(false), false);
        }

        using var watching = _chainLoss.Watch(workload, launch.Spec);
        var exit = await workload.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        var stoppedForChainLoss = _chainLoss.StoppedForChainLoss(workload);
        return (exit, stoppedForChainLoss && await _chainLoss.WaitToResumeAsync(workload, launch.Lease, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// True (logged) when the ended run is to start again in place: it asked for it with the spec's restart exit code,
    /// or it was killed behind the node's back (the machine's fault, not the job's), and the restarts are not used up.
    /// </summary>
    private bool MayRestart(WorkloadLaunch launch, IWorkload workload, WorkloadExit exit, int restarts)
    {
        var lease = launch.Lease.ToString();
        if (exit.IsOutsideKill)
        {
            _metrics.KilledFromOutside(launch.Spec.Runtime.ToString().ToLowerInvariant(), exit.KilledFromOutside);
            if (restarts == _options.MaxRestarts)
            {
                ExecutionLog.OutsideKillLimitReached(_logger, workload.RuntimeId, lease, exit.KilledFromOutside, restarts, _options.MaxRestarts);
                return false;
            }

            if (exit.KilledFromOutside == OutsideKill.OutOfMemory)
            {
                var limit = launch.Spec.Resources.MemoryMebibytes is { } mebibytes ? $"{mebibytes} MiB" : "the machine's memory";
                ExecutionLog.OutOfMemoryKilled(_logger, workload.RuntimeId, lease, limit, restarts + 1);
            }
            else
            {
                ExecutionLog.KilledFromOutside(_logger, workload.RuntimeId, lease, exit.KilledFromOutside, exit.ExitCode, restarts + 1);
            }

            return true;
        }

        if (!AsksForRestart(launch.Spec, exit))
        {
            return false;
        }

        if (restarts == _options.MaxRestarts)
        {
            ExecutionLog.RestartLimitReached(_logger, lease, restarts + 1, _options.MaxRestarts);
            return false;
        }

        ExecutionLog.Restarting(_logger, lease, exit.ExitCode, restarts + 1);
        return true;
    }

    private static async Task<WorkloadLaunch> NextRunAsync(WorkloadLaunch launch, Func<CancellationToken, Task<string?>> resumeDirectory, CancellationToken cancellationToken) =>
        launch with
        {
            RestartCount = launch.RestartCount + 1,
            Directories = launch.Directories with { Resume = await resumeDirectory(cancellationToken).ConfigureAwait(false) },
        };

    private static bool AsksForRestart(JobSpec spec, WorkloadExit exit) =>
        !exit.StoppedByNode && spec.RestartExitCode is { } code && exit.ExitCode == code;
}
