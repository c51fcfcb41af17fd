using Microsoft.Extensions.Logging;

namespace DePinGpu.Ipfs.Bitswap;

/// <summary>Starts background work and remembers it until it ends, so that shutdown can wait for all of it.</summary>
internal sealed class BackgroundTasks(ILogger logger)
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

    /// <summary>Runs <paramref name="work"/> on the thread pool and tracks it; a failure is logged, never lost.</summary>
    public void Run(Func<Task> work)
    {
        var task = Task.Run(work);
        lock (_gate)
        {
            _running.Add(task);
        }

        task.ContinueWith(
            static (completed, state) => ((BackgroundTasks)state!).Forget(completed),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Waits until every tracked task has ended (or the timeout passes; returns false then).</summary>
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

            var remaining = deadline - DateTime.UtcNow;
            if (snapshot.Length == 0 || remaining <= TimeSpan.Zero)
            {
                return snapshot.Length == 0;
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
            BitswapLog.BackgroundTaskFailed(logger, exception.GetBaseException());
        }
    }
}
