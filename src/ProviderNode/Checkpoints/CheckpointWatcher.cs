using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.ProviderNode.Execution;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Checkpoints;

/// <summary>
/// Watches one lease's checkpoint directory. A <c>step-N</c> folder is handed on once its <c>.complete</c> file exists:
/// imported as UnixFS into the content store and pinned, then reported as <see cref="CheckpointImported"/>. A folder
/// that is incomplete when a later one completes (or when the workload ends), too large, holding links, or not above
/// the last committed step is reported as <see cref="CheckpointRejected"/> with a log line, and never imported.
/// Each folder is reported once. Scans run on file-system notifications and on a fixed rescan interval.
/// </summary>
public sealed class CheckpointWatcher
{
    private readonly string _directory;
    private readonly ContentStore _store;
    private readonly UnixFsImporter _importer;
    private readonly CheckpointWatcherOptions _options;
    private readonly ILogger _logger;
    private readonly CheckpointMetrics _metrics;
    private readonly Channel<CheckpointEvent> _events = Channel.CreateUnbounded<CheckpointEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<ulong> _reported = [];
    private readonly SemaphoreSlim _scanGate = new(1, 1);
    private ulong? _committedStep;
    private ulong? _lastImportedStep;
    private string? _storeFault;
    private CheckpointWakeups? _wakeups;

    /// <summary>Creates a watcher; nothing is read until <see cref="ScanAsync"/> or <see cref="RunAsync"/>.</summary>
    public CheckpointWatcher(LeaseEpoch lease, string directory, ulong? committedStep, ContentStore store, UnixFsImporter importer,
        CheckpointWatcherOptions options, ILogger logger, CheckpointMetrics metrics)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Lease = lease;
        _directory = Path.GetFullPath(directory);
        _committedStep = committedStep;
        _store = store;
        _importer = importer;
        _options = options;
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>The lease and epoch whose checkpoints these are.</summary>
    public LeaseEpoch Lease { get; }

    /// <summary>Every imported or rejected checkpoint, in the order they were decided.</summary>
    public ChannelReader<CheckpointEvent> Events => _events.Reader;

    /// <summary>Records that <paramref name="step"/> was committed on-chain: no checkpoint at or below it is imported again.</summary>
    public void MarkCommitted(ulong step)
    {
        lock (_reported)
        {
            _committedStep = Math.Max(_committedStep ?? 0, step);
        }
    }

    /// <summary>
    /// Watches until cancelled: scans on file-system notifications, and on a rescan interval that shortens to polling
    /// where notifications are not delivered (<see cref="CheckpointWakeups"/>).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_directory);
        using var wakeups = new CheckpointWakeups(_directory, _options, _logger, Lease.ToString());
        _wakeups = wakeups;
        wakeups.Start();
        CheckpointLog.Watching(_logger, _directory, Lease.ToString(), _committedStep?.ToString(CultureInfo.InvariantCulture) ?? "none");
        var byNotification = true; // the first scan finds what was there before watching: not a missed notification
        while (!cancellationToken.IsCancellationRequested)
        {
            var storeWasFailing = _storeFault is not null;
            try
            {
                var decided = await ScanAsync(cancellationToken).ConfigureAwait(false);
                wakeups.Scanned(byNotification || storeWasFailing, decided.Count);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
            {
                // The same store fault on every rescan (while the disk stays full) was logged once (8954).
                if (_storeFault is null || exception.Message != _storeFault)
                {
                    CheckpointLog.ScanFailed(_logger, exception, Lease.ToString(), _directory);
                }
            }

            byNotification = await wakeups.WaitAsync(_storeFault is not null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether this watcher found notifications unreliable (or had them switched off) and polls instead; for tests and status.</summary>
    internal bool IsPolling => _wakeups?.IsPolling ?? false;

    /// <summary>One pass over the directory; returns what it decided (also written to <see cref="Events"/>).</summary>
    public async Task<IReadOnlyList<CheckpointEvent>> ScanAsync(CancellationToken cancellationToken) =>
        await ScanAsync(workloadEnded: false, cancellationToken).ConfigureAwait(false);

    /// <summary>The last pass after the workload ended: every folder still incomplete is rejected.</summary>
    public async Task<IReadOnlyList<CheckpointEvent>> FinishAsync(CancellationToken cancellationToken)
    {
        var decided = await ScanAsync(workloadEnded: true, cancellationToken).ConfigureAwait(false);
        _events.Writer.TryComplete();
        return decided;
    }

    /// <summary>Ends <see cref="Events"/> without a last pass: the run ended without one (it failed), and whoever reads the events must not wait for more.</summary>
    public void Abandon() => _events.Writer.TryComplete();

    private async Task<IReadOnlyList<CheckpointEvent>> ScanAsync(bool workloadEnded, CancellationToken cancellationToken)
    {
        await _scanGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var decided = new List<CheckpointEvent>();
            var folders = CheckpointFolder.List(_directory).Where(folder => !IsReported(folder.Step)).ToList();
            var latestComplete = folders.LastOrDefault(folder => folder.IsComplete)?.Step;
            foreach (var folder in folders)
            {
                if (folder.IsComplete)
                {
                    decided.Add(await DecideAsync(folder, cancellationToken).ConfigureAwait(false));
                }
                else if (workloadEnded || folder.Step < latestComplete)
                {
                    var reason = workloadEnded ? "the workload ended before writing .complete" : $"step-{latestComplete} completed while it had no .complete";
                    decided.Add(Reject(folder, CheckpointRejection.Incomplete, reason));
                }
            }

            return decided;
        }
        finally
        {
            _scanGate.Release();
        }
    }

    private async Task<CheckpointEvent> DecideAsync(CheckpointFolder folder, CancellationToken cancellationToken)
    {
        ulong? committed;
        lock (_reported)
        {
            committed = _committedStep;
        }

        if (folder.Step <= committed || folder.Step <= _lastImportedStep)
        {
            var floor = Math.Max(committed ?? 0, _lastImportedStep ?? 0);
            return Reject(folder, CheckpointRejection.NotNewer, $"its step is not above step {floor}, already committed or imported");
        }

        var (_, problem) = folder.Measure(_options.MaxCheckpointBytes, _options.MaxEntriesPerCheckpoint);
        if (problem is not null)
        {
            var kind = problem.Contains("symbolic link", StringComparison.Ordinal) ? CheckpointRejection.Unacceptable : CheckpointRejection.TooLarge;
            return Reject(folder, kind, problem);
        }

        try
        {
            return await ImportAsync(folder, cancellationToken).ConfigureAwait(false);
        }
        catch (ImportRefusedException exception)
        {
            return Reject(folder, CheckpointRejection.Unacceptable, exception.Message);
        }
        catch (CorruptBlockException corrupt)
        {
            return await ImportAfterCorruptCopyAsync(folder, corrupt, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The store's copy of a block of this checkpoint does not hash to its CID (a failing disk). An import skips blocks
    /// already stored, so every rescan would fail on that copy forever and no checkpoint would be imported again: the
    /// copy is removed and the folder imported once more (writing the block again from the folder); if the store
    /// corrupts it again, the folder is rejected (nothing announced, nothing committed) and the next one is tried.
    /// </summary>
    private async Task<CheckpointEvent> ImportAfterCorruptCopyAsync(CheckpointFolder folder, CorruptBlockException corrupt, CancellationToken cancellationToken)
    {
        await _store.Blocks.DeleteAsync(corrupt.Cid, cancellationToken).ConfigureAwait(false);
        try
        {
            return await ImportAsync(folder, cancellationToken).ConfigureAwait(false);
        }
        catch (CorruptBlockException again)
        {
            await _store.Blocks.DeleteAsync(again.Cid, cancellationToken).ConfigureAwait(false);
            return Reject(folder, CheckpointRejection.Unacceptable, $"the stored copy of block {again.Cid} was corrupt after it was written again (a failing disk?); removed");
        }
    }

    private async Task<CheckpointEvent> ImportAsync(CheckpointFolder folder, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        ImportResult result;
        try
        {
            result = await ImportAndPinAsync(folder, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception) when (exception is not CorruptBlockException && !cancellationToken.IsCancellationRequested)
        {
            // A corrupt stored copy is not a failing store: DecideAsync removes it and imports again.
            await StoreFailedAsync(folder, exception, cancellationToken).ConfigureAwait(false);
            throw;
        }

        if (_storeFault is not null)
        {
            CheckpointLog.StoreRecovered(_logger, folder.Step, Lease.ToString(), _storeFault);
            _storeFault = null;
        }

        _lastImportedStep = folder.Step;
        var imported = new CheckpointImported(Lease, folder.Step, folder.Path, result.Cid, result.ContentSize, result.BlockCount);
        _metrics.Imported(result.ContentSize, Stopwatch.GetElapsedTime(started));
        CheckpointLog.Imported(_logger, folder.Step, Lease.ToString(), result.Cid.ToString(), result.ContentSize, result.BlockCount);
        return Report(imported);
    }

    /// <summary>Imports the folder in a session of its own and pins its root; the session is closed either way.</summary>
    private async Task<ImportResult> ImportAndPinAsync(CheckpointFolder folder, CancellationToken cancellationToken)
    {
        await using var session = _store.BeginSession();
        var result = await _importer.ImportAsync(folder.Path, new RewritingImportTarget(session), cancellationToken).ConfigureAwait(false);
        await session.PinAsync(result.Cid, name: $"checkpoint {Lease} step {folder.Step}", cancellationToken: cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// The store could not take the checkpoint (a full disk, typically): nothing was pinned and the folder stays
    /// unreported, so the next scan tries it (or a newer one) again. The first failure of a run of them also collects
    /// garbage, which removes the blocks the failed import did write (and whatever else no pin reaches) — on a full
    /// disk the space they take is what the next import needs. Later failures only wait for the space to come back.
    /// </summary>
    private async Task StoreFailedAsync(CheckpointFolder folder, IOException exception, CancellationToken cancellationToken)
    {
        if (_storeFault is not null)
        {
            return;
        }

        _storeFault = exception.Message;
        CheckpointLog.StoreFailed(_logger, exception, folder.Step, Lease.ToString(), exception.Message);
        try
        {
            await _store.CollectGarbageAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException collection)
        {
            // Without a readable pin list nothing may be deleted; the blocks wait for a later collection.
            CheckpointLog.ReclaimFailed(_logger, Lease.ToString(), collection.Message);
        }
    }

    private CheckpointRejected Reject(CheckpointFolder folder, CheckpointRejection rejection, string reason)
    {
        _metrics.Rejected(rejection);
        CheckpointLog.Rejected(_logger, folder.Step, Lease.ToString(), rejection, reason);
        return Report(new CheckpointRejected(Lease, folder.Step, folder.Path, rejection, reason));
    }

    private T Report<T>(T checkpointEvent)
        where T : CheckpointEvent
    {
        lock (_reported)
        {
            _reported.Add(checkpointEvent.Step);
        }

        _events.Writer.TryWrite(checkpointEvent);
        return checkpointEvent;
    }

    private bool IsReported(ulong step)
    {
        lock (_reported)
        {
            return _reported.Contains(step);
        }
    }
}
