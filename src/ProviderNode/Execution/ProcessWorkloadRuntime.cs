using System.Diagnostics;
using DePinGpu.Protocol.JobSpecs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Execution;

/// <summary>
/// Runs process specs as child process groups on the host: the same contract as a container (environment, folders,
/// signals, exit codes) without its isolation, so only providers who enable it (devnet, trusted code) get it.
/// A process group cannot be supervised again by a restarted node (it is not the node's child any more): at start-up
/// <see cref="ReattachAsync"/> kills the groups a previous run left, and the lease restarts from its last checkpoint.
/// </summary>
public sealed class ProcessWorkloadRuntime : IWorkloadRuntime
{
    // Only what a program needs to find its tools; the node's own environment (keys, tokens) never leaks in.
    private static readonly string[] InheritedVariables = ["PATH", "LANG", "LC_ALL", "TZ"];

    private readonly ExecutionOptions _options;
    private readonly ILogger<ProcessWorkloadRuntime> _logger;
    private readonly ExecutionMetrics _metrics;

    /// <summary>Creates the runtime; it refuses every start unless the options enable it.</summary>
    public ProcessWorkloadRuntime(IOptions<ExecutionOptions> options, ILogger<ProcessWorkloadRuntime> logger, ExecutionMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _metrics = metrics;
    }

    /// <inheritdoc />
    public WorkloadRuntimeKind Kind => WorkloadRuntimeKind.Process;

    /// <inheritdoc />
    public async Task<WorkloadStartResult> StartAsync(WorkloadLaunch launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        if (!_options.EnableProcessRuntime || _options.ProcessStateDirectory is null)
        {
            return Refuse(launch, "this provider does not run process workloads (Execution:EnableProcessRuntime is off)");
        }

        if (launch.Spec.Runtime != WorkloadRuntimeKind.Process || launch.Spec.Command.Count == 0)
        {
            return Refuse(launch, "the spec's runtime is not process");
        }

        var runDirectory = RunDirectory(launch);
        Directory.CreateDirectory(runDirectory);
        Directory.CreateDirectory(launch.Directories.Checkpoints);
        Directory.CreateDirectory(launch.Directories.Output);
        var info = StartInfo(launch, runDirectory);
        ProcessWorkload workload;
        try
        {
            workload = ProcessWorkload.Start(info, Path.Combine(runDirectory, ProcessGroupRecord.FileName), launch.Lease, launch.RestartCount,
                new WorkloadLogStore(_options.LogBytesPerWorkload, _options.MaxLogLineCharacters), _logger, _metrics);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return Refuse(launch, $"could not start {launch.Spec.Command[0]}: {exception.Message}");
        }

        await workload.RecordGroupAsync(cancellationToken).ConfigureAwait(false);
        ExecutionLog.Started(_logger, "process", workload.RuntimeId, launch.Lease.ToString(), launch.RestartCount);
        return WorkloadStartResult.Success(workload);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IWorkload>> ReattachAsync(CancellationToken cancellationToken)
    {
        var runs = Path.Combine(_options.ProcessStateDirectory ?? string.Empty, "runs");
        if (_options.ProcessStateDirectory is null || !Directory.Exists(runs))
        {
            return Task.FromResult<IReadOnlyList<IWorkload>>([]);
        }

        foreach (var pidFile in Directory.EnumerateFiles(runs, ProcessGroupRecord.FileName, SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ProcessGroupRecord.Parse(File.ReadAllText(pidFile)) is { } record
                && ProcessGroupRecord.ReadStat(record.ProcessId) is { } stat
                && stat.StartTime == record.StartTime
                && NativeMethods.SignalProcessGroup(record.ProcessId, NativeMethods.SignalKill))
            {
                ExecutionLog.LeftoverKilled(_logger, record.ProcessId, record.Lease.ToString());
            }

            File.Delete(pidFile);
        }

        return Task.FromResult<IReadOnlyList<IWorkload>>([]);
    }

    private WorkloadStartResult Refuse(WorkloadLaunch launch, string reason)
    {
        _metrics.Refused("process");
        ExecutionLog.StartRefused(_logger, launch.Lease.ToString(), reason);
        return WorkloadStartResult.Refused(reason);
    }

    private string RunDirectory(WorkloadLaunch launch) => Path.Combine(_options.ProcessStateDirectory!, "runs",
        FormattableString.Invariant($"lease-{launch.Lease.LeaseId}-e{launch.Lease.Epoch}-r{launch.RestartCount}"));

    private static ProcessStartInfo StartInfo(WorkloadLaunch launch, string runDirectory)
    {
        // setsid makes the workload the leader of a new session and process group, so signals reach all it forks.
        var info = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = runDirectory,
        };
        foreach (var argument in launch.Spec.Command)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        foreach (var name in InheritedVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                info.Environment[name] = value;
            }
        }

        info.Environment["HOME"] = runDirectory;
        foreach (var (name, value) in WorkloadEnvironment.Build(launch, launch.Directories))
        {
            info.Environment[name] = value;
        }

        // A process shares the host's network: it listens on the free port the node chose, not the spec's port.
        if (launch.HostPort is { } hostPort)
        {
            info.Environment["PORT"] = hostPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return info;
    }
}
