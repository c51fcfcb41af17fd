using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.ProviderNode.Checkpoints;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.ProviderNode.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Checkpoints;

/// <summary>
/// When the watcher scans: checkpoints are seen through file-system notifications, not a one-second poll per lease
/// (the rescan interval here is ten minutes, so a test that waited for it would time out), and the watcher polls
/// instead where notifications are off or stop arriving.
/// </summary>
public sealed class CheckpointWakeupTests : IDisposable
{
    private static readonly LeaseEpoch Lease = new(4, 1);
    private readonly TemporaryDirectory _directory = new();
    private readonly ContentStore _store;

    public CheckpointWakeupTests()
    {
        _store = new ContentStore(new MemoryBlockStore(), new ContentStoreOptions { PinDatabasePath = _directory.Combine("pins.db") });
    }

    private string Checkpoints => _directory.Combine("checkpoints");

    [Fact]
    public async Task Run_WithNotifications_SeesEveryCheckpointWithoutWaitingForTheRescan()
    {
        var watcher = Watcher(new CheckpointWatcherOptions { RescanInterval = TimeSpan.FromMinutes(10) });
        using var stop = new CancellationTokenSource();
        var running = watcher.RunAsync(stop.Token);

        for (var step = 1; step <= 3; step++)
        {
            WriteCheckpoint(step);
            Assert.Equal((ulong)step, Assert.IsType<CheckpointImported>(await ReadEventAsync(watcher)).Step);
        }

        Assert.False(watcher.IsPolling);
        await StopAsync(stop, running);
    }

    [Fact]
    public async Task Run_WithNotificationsOff_PollsAndSeesEveryCheckpoint()
    {
        var watcher = Watcher(new CheckpointWatcherOptions
        {
            RescanInterval = TimeSpan.FromMinutes(10), PollInterval = TimeSpan.FromMilliseconds(100), UseNotifications = false,
        });
        using var stop = new CancellationTokenSource();
        var running = watcher.RunAsync(stop.Token);

        for (var step = 1; step <= 2; step++)
        {
            WriteCheckpoint(step);
            Assert.Equal((ulong)step, Assert.IsType<CheckpointImported>(await ReadEventAsync(watcher)).Step);
        }

        Assert.True(watcher.IsPolling);
        await StopAsync(stop, running);
    }

    [Fact]
    public async Task Run_WhenNotificationsStopArriving_FindsTheCheckpointOnTheRescan_AndPollsFromThen()
    {
        var watcher = Watcher(new CheckpointWatcherOptions { RescanInterval = TimeSpan.FromSeconds(1), PollInterval = TimeSpan.FromMilliseconds(100) });
        using var stop = new CancellationTokenSource();
        var running = watcher.RunAsync(stop.Token);
        WriteCheckpoint(1);
        Assert.IsType<CheckpointImported>(await ReadEventAsync(watcher));
        Assert.False(watcher.IsPolling);

        // The folder is replaced under the watcher: its inotify watch belonged to the removed one, so no notification
        // announces what is written into the new folder (as on a file system that delivers none).
        // The deletion itself is notified: a scan it wakes may still find the first checkpoint written after it, so
        // the switch to polling is asserted once a later checkpoint had to be found by a rescan (at most 4 tries).
        Directory.Delete(Checkpoints, recursive: true);
        Directory.CreateDirectory(Checkpoints);
        var step = 1;
        while (!watcher.IsPolling && step < 5)
        {
            WriteCheckpoint(++step);
            Assert.Equal((ulong)step, Assert.IsType<CheckpointImported>(await ReadEventAsync(watcher)).Step);
        }

        Assert.True(watcher.IsPolling);
        WriteCheckpoint(++step);
        Assert.Equal((ulong)step, Assert.IsType<CheckpointImported>(await ReadEventAsync(watcher)).Step);
        await StopAsync(stop, running);
    }

    [Theory]
    [InlineData(0, "PollInterval must be from 00:00:00.05")]
    [InlineData(11 * 60 * 1000, "PollInterval must be from 00:00:00.05")]
    public void Validate_PollIntervalOutOfRange_IsRefusedNamingTheKey(int milliseconds, string expected)
    {
        var result = new CheckpointWatcherOptionsValidator().Validate(null, new CheckpointWatcherOptions { PollInterval = TimeSpan.FromMilliseconds(milliseconds) });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    private CheckpointWatcher Watcher(CheckpointWatcherOptions options) =>
        new(Lease, Checkpoints, null, _store, new UnixFsImporter(), options, NullLogger.Instance, new CheckpointMetrics());

    private static async Task StopAsync(CancellationTokenSource stop, Task running)
    {
        await stop.CancelAsync();
        await Task.WhenAny(running); // cancelled mid-wait or between two scans: canceled or ended, never faulted
        Assert.False(running.IsFaulted, running.Exception?.ToString());
    }

    private static async Task<CheckpointEvent> ReadEventAsync(CheckpointWatcher watcher)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await watcher.Events.ReadAsync(timeout.Token);
    }

    private void WriteCheckpoint(int step)
    {
        var folder = Path.Combine(Checkpoints, $"step-{step}");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "model.bin"), Enumerable.Range(0, 1000).Select(i => (byte)(i * step)).ToArray());
        File.WriteAllText(Path.Combine(folder, ".complete"), string.Empty);
    }
}
