using System.Text;
using DePinGpu.Protocol.JobSpecs;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Execution;

/// <summary>
/// A container the node supervises: its output is followed into a bounded <see cref="WorkloadLogStore"/> and its exit
/// awaited. Disposing stops the supervision, never the container (a restarted node re-attaches to it).
/// </summary>
internal sealed class DockerWorkload : IWorkload, IPortPublishingWorkload
{
    private readonly IDockerClient _client;
    private readonly ILogger _logger;
    private readonly ExecutionMetrics _metrics;
    private readonly CancellationTokenSource _supervision = new();
    private Task _logFollower = Task.CompletedTask;
    private Task<WorkloadExit> _completion = null!;
    private volatile bool _stoppedByNode;
    private IReadOnlyDictionary<int, int> _publishedPorts = new Dictionary<int, int>();

    private DockerWorkload(IDockerClient client, string containerId, LeaseEpoch lease, int restartCount, WorkloadLogStore logs, ILogger logger, ExecutionMetrics metrics)
    {
        _client = client;
        RuntimeId = containerId;
        Lease = lease;
        RestartCount = restartCount;
        Logs = logs;
        _logger = logger;
        _metrics = metrics;
    }

    public LeaseEpoch Lease { get; }

    public int RestartCount { get; }

    public string RuntimeId { get; }

    public WorkloadLogStore Logs { get; }

    public Task<WorkloadExit> Completion => _completion;

    /// <inheritdoc />
    public int? HostPortOf(int containerPort) => _publishedPorts.TryGetValue(containerPort, out var hostPort) ? hostPort : null;

    /// <summary>Records where the container's TCP ports are published (container port to host port), as the engine reports them.</summary>
    public DockerWorkload WithPublishedPorts(IReadOnlyDictionary<int, int> publishedPorts)
    {
        _publishedPorts = publishedPorts;
        return this;
    }

    /// <summary>Starts following the output and the exit of an existing container.</summary>
    public static DockerWorkload Supervise(IDockerClient client, string containerId, LeaseEpoch lease, int restartCount, WorkloadLogStore logs, ILogger logger, ExecutionMetrics metrics)
    {
        var workload = new DockerWorkload(client, containerId, lease, restartCount, logs, logger, metrics);
        metrics.Started("docker");
        workload._logFollower = workload.FollowLogsAsync(workload._supervision.Token);
        workload._completion = workload.WaitForExitAsync(workload._supervision.Token);
        return workload;
    }

    public async Task SignalAsync(WorkloadSignal signal, CancellationToken cancellationToken)
    {
        var name = SignalName((int)signal);
        await SendSignalAsync(name, cancellationToken).ConfigureAwait(false);
        ExecutionLog.Signalled(_logger, name, RuntimeId, Lease.ToString());
    }

    public async Task<WorkloadExit> StopAsync(TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        _stoppedByNode = true;
        ExecutionLog.Stopping(_logger, RuntimeId, Lease.ToString(), gracePeriod.TotalSeconds);
        await SendSignalAsync("SIGTERM", cancellationToken).ConfigureAwait(false);
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
        await SendSignalAsync("SIGKILL", cancellationToken).ConfigureAwait(false);
        return await _completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAsync(CancellationToken cancellationToken)
    {
        if (!_completion.IsCompleted)
        {
            throw new InvalidOperationException($"Container {RuntimeId} is still running; stop it before removing it.");
        }

        try
        {
            await _client.Containers.RemoveContainerAsync(RuntimeId, new ContainerRemoveParameters { RemoveVolumes = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            // Already removed (by an earlier attempt or by hand): nothing left to do.
        }
        catch (DockerApiException exception) when (exception.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // Someone else's removal is under way (docker rm -f behind the node's back): it goes either way.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completion.IsCompleted)
        {
            _metrics.Detached();
        }

        await _supervision.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_logFollower, _completion).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        _supervision.Dispose();
    }

    private async Task SendSignalAsync(string signal, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Containers.KillContainerAsync(RuntimeId, new ContainerKillParameters { Signal = signal }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException exception) when (exception.StatusCode is System.Net.HttpStatusCode.Conflict or System.Net.HttpStatusCode.NotFound)
        {
            // The container is not running (it exited meanwhile): the exit is already on its way to Completion.
        }
    }

    private async Task<WorkloadExit> WaitForExitAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                var response = await _client.Containers.WaitContainerAsync(RuntimeId, cancellationToken).ConfigureAwait(false);
                return await ExitedAsync((int)response.StatusCode, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerContainerNotFoundException) when (!cancellationToken.IsCancellationRequested)
            {
                // Removed from under the node (docker rm -f) before or while it waited: nothing left to wait for.
                return await ExitedAsync(WorkloadExit.KilledStatus, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is DockerApiException or HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                // The engine restarted or the socket blinked: the container is still there, keep waiting for it.
                ExecutionLog.WatchFailed(_logger, exception, RuntimeId, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private async Task<WorkloadExit> ExitedAsync(int exitCode, CancellationToken cancellationToken)
    {
        var stoppedByNode = _stoppedByNode;
        // A run that exited 0 finished its job, whatever happened inside it (a child OOM-killed and retried).
        var cause = stoppedByNode || exitCode == 0 ? OutsideKill.None : await DockerExitCause.ReadAsync(_client, RuntimeId, _logger, cancellationToken).ConfigureAwait(false);
        var exit = new WorkloadExit(exitCode, stoppedByNode, cause);
        await _logFollower.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        Logs.Complete();
        _metrics.Exited("docker", exit);
        ExecutionLog.Exited(_logger, RuntimeId, Lease.ToString(), exit.ExitCode, exit.StoppedByNode);
        return exit;
    }

    private async Task FollowLogsAsync(CancellationToken cancellationToken)
    {
        var parameters = new ContainerLogsParameters { Follow = true, ShowStdout = true, ShowStderr = true };
        var decoders = new[] { Encoding.UTF8.GetDecoder(), Encoding.UTF8.GetDecoder() };
        var bytes = new byte[16 * 1024];
        var characters = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        try
        {
            using var stream = await _client.Containers.GetContainerLogsAsync(RuntimeId, false, parameters, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var read = await stream.ReadOutputAsync(bytes, 0, bytes.Length, cancellationToken).ConfigureAwait(false);
                if (read.EOF)
                {
                    return;
                }

                var isError = read.Target == MultiplexedStream.TargetStream.StandardError;
                var count = decoders[isError ? 1 : 0].GetChars(bytes, 0, read.Count, characters, 0);
                Logs.Append(isError, characters.AsSpan(0, count));
            }
        }
        catch (Exception exception) when (exception is DockerApiException or HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            ExecutionLog.LogFollowFailed(_logger, exception, RuntimeId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Supervision ended (node shutting down): the container keeps running and keeps its own log.
        }
    }

    private static string SignalName(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        10 => "SIGUSR1",
        12 => "SIGUSR2",
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Not a checkpoint signal."),
    };
}
