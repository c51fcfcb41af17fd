using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Checkpoints;

/// <summary>
/// When the checkpoint watcher of one lease scans its folder: at once on a file-system notification (a folder or file
/// created or renamed), and otherwise every <see cref="CheckpointWatcherOptions.RescanInterval"/> as a safety net.
/// Where notifications cannot be relied on it polls every <see cref="CheckpointWatcherOptions.PollInterval"/> instead:
/// when they are switched off, when the watcher fails (inotify's queue overflowed or its limits were reached), when a
/// rescan found a checkpoint that no notification announced (a file system that does not deliver them), and while the
/// content store is failing (the import is retried on each scan, and space coming back sends no notification).
/// Waking every second for every lease was most of what a running lease cost the node at idle.
/// </summary>
internal sealed class CheckpointWakeups : IDisposable
{
    private readonly string _directory;
    private readonly CheckpointWatcherOptions _options;
    private readonly ILogger _logger;
    private readonly string _lease;
    private readonly SemaphoreSlim _changed = new(0);
    private FileSystemWatcher? _watcher;
    private int _polling;

    /// <summary>Describes the wake-ups of <paramref name="directory"/>; nothing is watched until <see cref="Start"/>.</summary>
    public CheckpointWakeups(string directory, CheckpointWatcherOptions options, ILogger logger, string lease)
    {
        _directory = directory;
        _options = options;
        _logger = logger;
        _lease = lease;
    }

    /// <summary>Whether the folder is polled (notifications are off or were found unreliable) rather than only rescanned.</summary>
    public bool IsPolling => Volatile.Read(ref _polling) == 1;

    /// <summary>The poll interval; a rescan interval set shorter (tests do) is never lengthened by polling.</summary>
    private TimeSpan PollEvery => TimeSpan.FromTicks(Math.Min(_options.PollInterval.Ticks, _options.RescanInterval.Ticks));

    /// <summary>Starts watching the folder (which must exist) for notifications, unless they are switched off.</summary>
    public void Start()
    {
        if (!_options.UseNotifications)
        {
            Volatile.Write(ref _polling, 1);
            return;
        }

        try
        {
            _watcher = new FileSystemWatcher(_directory) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName };
            _watcher.Created += (_, _) => Wake();
            _watcher.Renamed += (_, _) => Wake();
            _watcher.Error += (_, failure) => SwitchToPolling(failure.GetException().Message);
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception exception) when (exception is IOException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            // inotify's watch or instance limits (IOException naming them), or no notifications on this platform.
            SwitchToPolling(exception.Message);
        }
    }

    /// <summary>
    /// Waits for the next scan: returns true when a notification woke it, false when the interval elapsed.
    /// <paramref name="storeFailing"/> shortens the interval to the poll interval.
    /// </summary>
    public Task<bool> WaitAsync(bool storeFailing, CancellationToken cancellationToken)
    {
        var interval = IsPolling || storeFailing ? PollEvery : _options.RescanInterval;
        return _changed.WaitAsync(interval, cancellationToken);
    }

    /// <summary>
    /// Told after each scan: one that a notification did not cause but that found a completed checkpoint means
    /// notifications are not arriving here, so the folder is polled from now on. Not counted: the first scan and a
    /// scan while the store was failing (the retry, not a missed notification, decided those).
    /// </summary>
    public void Scanned(bool byNotification, int decided)
    {
        if (!byNotification && decided > 0 && !IsPolling)
        {
            SwitchToPolling($"a rescan found {decided} checkpoint folder(s) no notification announced");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _watcher?.Dispose();
        _changed.Dispose();
    }

    private void Wake()
    {
        // One pending wake-up is enough: the scan looks at the whole folder.
        if (_changed.CurrentCount == 0)
        {
            try
            {
                _changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another notification released it between the check and the release: a scan is already due.
            }
        }
    }

    private void SwitchToPolling(string reason)
    {
        if (Interlocked.Exchange(ref _polling, 1) == 0)
        {
            CheckpointLog.PollingInstead(_logger, _directory, _lease, PollEvery, reason);
            Wake();
        }
    }
}
