using System.Diagnostics;
using DePinGpu.Protocol.JobSpecs;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Execution;

/// <summary>
/// A process group the node supervises (the leader was started through <c>setsid</c>, so the workload and every
/// process it forks share one group). Signals go to the whole group; when the leader exits, what is left of the group
/// is killed, so no stray child outlives the workload.
/// </summary>
internal sealed class ProcessWorkload : IWorkload
{
    private readonly Process _process;
    private readonly string _pidFile;
    private readonly ILogger _logger;
    private readonly ExecutionMetrics _metrics;
    private readonly TaskCompletionSource _outputEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task<WorkloadExit> _completion = null!;
    private volatile bool _stoppedByNode;

    private ProcessWorkload(Process process, string pidFile, LeaseEpoch lease, int restartCount, WorkloadLogStore logs, ILogger logger, ExecutionMetrics metrics)
    {
        _process = process;
        _pidFile = pidFile;
        Lease = lease;
        RestartCount = restartCount;
        Logs = logs;
        _logger = logger;
        _metrics = metrics;
    }

    public LeaseEpoch Lease { get; }

    public int RestartCount { get; }

    public string RuntimeId => _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public WorkloadLogStore Logs { get; }

    public Task<WorkloadExit> Completion => _completion;

    /// <summary>Starts <paramref name="info"/> (whose file is <c>setsid</c>) and supervises it.</summary>
    public static ProcessWorkload Start(ProcessStartInfo info, string pidFile, LeaseEpoch lease, int restartCount, WorkloadLogStore logs, ILogger logger, ExecutionMetrics metrics)
    {
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var workload = new ProcessWorkload(process, pidFile, lease, restartCount, logs, logger, metrics);
        process.OutputDataReceived += (_, line) => workload.OnLine(line.Data, isError: false);
        process.ErrorDataReceived += (_, line) => workload.OnLine(line.Data, isError: true);
        process.Exited += (_, _) => workload._exited.TrySetResult();
        process.Start();
        process.StandardInput.Close(); // a workload reads no input: it sees end-of-file, never the node's terminal
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        metrics.Started("process");
        workload._completion = workload.WaitForExitAsync();
        return workload;
    }

    /// <summary>Waits until <c>setsid</c> made the leader its own group, then writes the pid file.</summary>
    public async Task RecordGroupAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(5));
        while (ProcessGroupRecord.ReadStat(_process.Id) is { } stat && stat.ProcessGroup != _process.Id)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(2), deadline.Token).ConfigureAwait(false);
        }

        if (ProcessGroupRecord.ReadStat(_process.Id) is { } started)
        {
            var record = new ProcessGroupRecord(_process.Id, started.StartTime, Lease, RestartCount);
            await File.WriteAllTextAsync(_pidFile, record.Format(), cancellationToken).ConfigureAwait(false);
        }
    }

    public Task SignalAsync(WorkloadSignal signal, CancellationToken cancellationToken)
    {
        if (!_completion.IsCompleted)
        {
            NativeMethods.SignalProcessGroup(_process.Id, (int)signal);
            ExecutionLog.Signalled(_logger, signal.ToString(), RuntimeId, Lease.ToString());
        }

        return Task.CompletedTask;
    }

    public async Task<WorkloadExit> StopAsync(TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        _stoppedByNode = true;
        ExecutionLog.Stopping(_logger, RuntimeId, Lease.ToString(), gracePeriod.TotalSeconds);
        if (!_completion.IsCompleted)
        {
            NativeMethods.SignalProcessGroup(_process.Id, NativeMethods.SignalTerminate);
        }

        try
        {
            return await _completion.WaitAsync(gracePeriod, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            ExecutionLog.KilledAfterGrace(_logger, RuntimeId, Lease.ToString());
            return await KillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<WorkloadExit> KillAsync(CancellationToken cancellationToken)
    {
        _stoppedByNode = true;
        ExecutionLog.Killing(_logger, RuntimeId, Lease.ToString());
        NativeMethods.SignalProcessGroup(_process.Id, NativeMethods.SignalKill);
        return await _completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task RemoveAsync(CancellationToken cancellationToken)
    {
        if (!_completion.IsCompleted)
        {
            throw new InvalidOperationException($"Process {RuntimeId} is still running; stop it before removing it.");
        }

        File.Delete(_pidFile);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        // A process cannot outlive the node's supervision the way a container can: disposing a running one kills it.
        if (!_completion.IsCompleted)
        {
            await KillAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private void OnLine(string? line, bool isError)
    {
        if (line is null)
        {
            (isError ? _errorEnded : _outputEnded).TrySetResult();
            return;
        }

        Logs.Append(isError, line + "\n");
    }

    private async Task<WorkloadExit> WaitForExitAsync()
    {
        // The Exited event, not WaitForExitAsync: that one also waits for the output pipes to close, which a stray
        // child of the workload keeps open until the group kill below.
        await _exited.Task.ConfigureAwait(false);
        // Whatever the leader left behind in its group goes with it (and releases the output pipes).
        NativeMethods.SignalProcessGroup(_process.Id, NativeMethods.SignalKill);
        await Task.WhenAll(_outputEnded.Task, _errorEnded.Task).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        Logs.Complete();
        var stoppedByNode = _stoppedByNode;
        var exit = new WorkloadExit(_process.ExitCode, stoppedByNode, stoppedByNode ? OutsideKill.None : CauseOf(_process.ExitCode));
        File.Delete(_pidFile);
        _metrics.Exited("process", exit);
        ExecutionLog.Exited(_logger, RuntimeId, Lease.ToString(), exit.ExitCode, exit.StoppedByNode);
        return exit;
    }

    /// <summary>
    /// A group the node did not stop that died of SIGKILL or SIGTERM was killed from outside (kill -9, the OOM killer,
    /// a shutdown). The status alone tells it: 128 + n is also what a shell exits with when its child dies of signal n,
    /// so a workload that chooses 137 or 143 itself reads the same; a death by another signal (SIGSEGV, SIGABRT) is the
    /// workload's own fault.
    /// </summary>
    private static OutsideKill CauseOf(int exitCode) =>
        exitCode is WorkloadExit.KilledStatus or WorkloadExit.TerminatedStatus ? OutsideKill.Signal : OutsideKill.None;
}
