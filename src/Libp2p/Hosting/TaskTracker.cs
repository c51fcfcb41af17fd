using Microsoft.Extensions.Logging;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>
/// Runs background work and remembers it until it ends, so shutdown can wait for all of it; a failure is logged, never
/// lost. Shared by the host and the protocols built on it (Bitswap).
/// </summary>
public sealed class TaskTracker(ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _running = [];

    /// <summary>Tasks still running.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>Starts <paramref name="work"/> on the thread pool and tracks it until it completes.</summary>
    public void Run(Func<Task> work)
    {
        var task = Task.Run(work);
        lock (_gate)
        {
            _running.Add(task);
        }

        task.ContinueWith(
            static (completed, state) => ((TaskTracker)state!).Forget(completed),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Waits until every tracked task has ended or the timeout passes; returns false on timeout.</summary>
    public async Task<bool> WhenAllAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task[] snapshot;
            lock (_gate)
            {
                snapshot = [.. _running];
            }

            if (snapshot.Length == 0)
            {
                return true;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            await Task.WhenAny(Task.WhenAll(snapshot), Task.Delay(remaining)).ConfigureAwait(false);
        }
    }

    private void Forget(Task completed)
    {
        lock (_gate)
        {
            _running.Remove(completed);
        }

        if (completed.Exception is { } exception)
        {
            HostLog.BackgroundTaskFailed(logger, exception.GetBaseException());
        }
    }
}
