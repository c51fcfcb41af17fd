using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Execution;

/// <summary>
/// Tells a container that was killed from outside the node from one that exited by itself. The exit status cannot
/// (a workload may exit 137 itself); the engine can: <c>State.OOMKilled</c> after the kernel's OOM killer, a
/// <c>kill</c> event with SIGKILL or SIGTERM in the engine's event log after <c>docker kill</c>, <c>docker stop</c> or
/// <c>docker rm -f</c>, and no container at all once it was removed (a forced removal the node sees before the
/// container is gone reads as its kill). Only asked about runs the node did not stop and that did not exit 0.
/// </summary>
internal static class DockerExitCause
{
    /// <summary>How long the engine's event log is searched back (the kill comes just before the exit).</summary>
    private static readonly TimeSpan EventWindow = TimeSpan.FromHours(1);

    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The signals that end a container when someone outside sends them ("9", "15" in the engine's events).</summary>
    private static readonly HashSet<string> EndingSignals = new(StringComparer.Ordinal) { "9", "15", "SIGKILL", "SIGTERM", "KILL", "TERM" };

    /// <summary>Why container <paramref name="containerId"/> ended; <see cref="OutsideKill.None"/> also when the engine cannot say (logged).</summary>
    public static async Task<OutsideKill> ReadAsync(IDockerClient client, string containerId, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(QueryTimeout);
            var container = await client.Containers.InspectContainerAsync(containerId, timeout.Token).ConfigureAwait(false);
            if (container.State?.OOMKilled == true)
            {
                return OutsideKill.OutOfMemory;
            }

            return await WasSignalledAsync(client, containerId, timeout.Token).ConfigureAwait(false) ? OutsideKill.Signal : OutsideKill.None;
        }
        catch (DockerContainerNotFoundException)
        {
            return OutsideKill.Removed;
        }
        catch (Exception exception) when (exception is DockerApiException or HttpRequestException or IOException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            ExecutionLog.ExitCauseUnknown(logger, exception, containerId);
            return OutsideKill.None;
        }
    }

    private static async Task<bool> WasSignalledAsync(IDockerClient client, string containerId, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var parameters = new ContainerEventsParameters
        {
            // Until now, to the millisecond: the engine answers at once with what it has (an "until" ahead would make it wait).
            Since = (now - EventWindow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            Until = (now.ToUnixTimeMilliseconds() / 1000m).ToString("0.000", CultureInfo.InvariantCulture),
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["type"] = new Dictionary<string, bool> { ["container"] = true },
                ["container"] = new Dictionary<string, bool> { [containerId] = true },
                ["event"] = new Dictionary<string, bool> { ["kill"] = true },
            },
        };
        var signalled = false;
        await client.System.MonitorEventsAsync(parameters, new SynchronousProgress(message => signalled |= IsEndingKill(message)), cancellationToken).ConfigureAwait(false);
        return signalled;
    }

    private static bool IsEndingKill(Message message) =>
        message.Actor?.Attributes is { } attributes && attributes.TryGetValue("signal", out var signal) && EndingSignals.Contains(signal);

    /// <summary>Reports on the caller's thread (<see cref="Progress{T}"/> posts to the thread pool: its reports could come after the call returned).</summary>
    private sealed class SynchronousProgress(Action<Message> report) : IProgress<Message>
    {
        public void Report(Message value) => report(value);
    }
}
