using System.Diagnostics;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Pins;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.ProviderNode.Checkpoints;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.ProviderNode.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Checkpoints;

public sealed class CheckpointWatcherTests : IDisposable
{
    private static readonly LeaseEpoch Lease = new(3, 1);
    private readonly TemporaryDirectory _directory = new();
    private readonly MemoryBlockStore _blocks = new();
    private readonly ContentStore _store;

    public CheckpointWatcherTests()
    {
        _store = new ContentStore(_blocks, new ContentStoreOptions { PinDatabasePath = _directory.Combine("pins.db") });
    }

    private string Checkpoints => _directory.Combine("checkpoints");

    [Fact]
    public async Task Scan_CompleteFolder_IsImportedPinnedAndExportsBackToTheSameFiles()
    {
        WriteCheckpoint(5, complete: true);
        var watcher = Watcher();

        var imported = Assert.IsType<CheckpointImported>(Assert.Single(await watcher.ScanAsync(CancellationToken.None)));

        Assert.Equal(5UL, imported.Step);
        Assert.Equal(Lease, imported.Lease);
        Assert.Equal((ulong)(1000 + 5), imported.ContentBytes);
        Assert.Equal(PinType.Recursive, await _store.GetPinStateAsync(imported.Cid));
        var exported = _directory.Combine("exported");
        await new UnixFsExporter(_blocks).ExportAsync(imported.Cid, exported);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Checkpoints, "step-5", "model.bin")), File.ReadAllBytes(Path.Combine(exported, "model.bin")));
        Assert.Equal("step5", File.ReadAllText(Path.Combine(exported, "meta", "step.txt")));
        Assert.True(File.Exists(Path.Combine(exported, ".complete")));
        Assert.Same(imported, await ReadEventAsync(watcher));
    }

    [Fact]
    public async Task Scan_IncompleteFolder_WaitsUntilALaterCheckpointCompletes_ThenIsRejected()
    {
        WriteCheckpoint(5, complete: false);
        var watcher = Watcher();

        Assert.Empty(await watcher.ScanAsync(CancellationToken.None));
        WriteCheckpoint(10, complete: true);
        var decided = await watcher.ScanAsync(CancellationToken.None);

        var rejected = Assert.IsType<CheckpointRejected>(decided[0]);
        Assert.Equal((5UL, CheckpointRejection.Incomplete), (rejected.Step, rejected.Rejection));
        Assert.Equal(10UL, Assert.IsType<CheckpointImported>(decided[1]).Step);
    }

    [Fact]
    public async Task Scan_CompletingAFolderLater_ImportsIt()
    {
        WriteCheckpoint(5, complete: false);
        var watcher = Watcher();
        Assert.Empty(await watcher.ScanAsync(CancellationToken.None));

        await File.WriteAllTextAsync(Path.Combine(Checkpoints, "step-5", ".complete"), string.Empty);

        Assert.IsType<CheckpointImported>(Assert.Single(await watcher.ScanAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task Scan_Again_ReportsEachFolderOnce()
    {
        WriteCheckpoint(5, complete: true);
        var watcher = Watcher();

        await watcher.ScanAsync(CancellationToken.None);

        Assert.Empty(await watcher.ScanAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Scan_StepNotAboveTheCommittedOne_IsRejectedAndNotImported()
    {
        WriteCheckpoint(10, complete: true);
        var watcher = Watcher(committedStep: 8);
        watcher.MarkCommitted(10);
        var blocksBefore = _blocks.GetUsage().BlockCount;

        var rejected = Assert.IsType<CheckpointRejected>(Assert.Single(await watcher.ScanAsync(CancellationToken.None)));

        Assert.Equal(CheckpointRejection.NotNewer, rejected.Rejection);
        Assert.Contains("not above step 10", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(blocksBefore, _blocks.GetUsage().BlockCount);
    }

    [Fact]
    public async Task Scan_OlderThanTheLastImported_IsRejected()
    {
        WriteCheckpoint(7, complete: true);
        var watcher = Watcher();
        await watcher.ScanAsync(CancellationToken.None);
        WriteCheckpoint(6, complete: true);

        var rejected = Assert.IsType<CheckpointRejected>(Assert.Single(await watcher.ScanAsync(CancellationToken.None)));

        Assert.Equal((6UL, CheckpointRejection.NotNewer), (rejected.Step, rejected.Rejection));
    }

    [Fact]
    public async Task Scan_TooLarge_IsRejected()
    {
        WriteCheckpoint(5, complete: true);
        var watcher = Watcher(options: new CheckpointWatcherOptions { MaxCheckpointBytes = 500 });

        var rejected = Assert.IsType<CheckpointRejected>(Assert.Single(await watcher.ScanAsync(CancellationToken.None)));

        Assert.Equal(CheckpointRejection.TooLarge, rejected.Rejection);
        Assert.Empty(await _store.ListPinsAsync());
    }

    [Fact]
    public async Task Scan_TooManyFiles_IsRejected()
    {
        WriteCheckpoint(5, complete: true);
        var watcher = Watcher(options: new CheckpointWatcherOptions { MaxEntriesPerCheckpoint = 2 });

        var rejected = Assert.IsType<CheckpointRejected>(Assert.Single(await watcher.ScanAsync(CancellationToken.None)));

        Assert.Equal(CheckpointRejection.TooLarge, rejected.Rejection);
    }

    [Fact]
    public async Task Scan_SymbolicLinkToAHostFile_IsRejectedAndNothingIsPublished()
    {
        WriteCheckpoint(5, complete: true);
        File.CreateSymbolicLink(Path.Combine(Checkpoints, "step-5", "passwd"), "/etc/passwd");
        var watcher = Watcher();

        var rejected = Assert.IsType<CheckpointRejected>(Assert.Single(await watcher.ScanAsync(CancellationToken.None)));

        Assert.Equal(CheckpointRejection.Unacceptable, rejected.Rejection);
        Assert.Contains("passwd is a symbolic link", rejected.Reason, StringComparison.Ordinal);
        Assert.Empty(await _store.ListPinsAsync());
    }

    [Fact]
    public async Task Scan_Fifo_IsRejectedWithoutBlocking()
    {
        WriteCheckpoint(5, complete: true);
        using (var mkfifo = Process.Start("mkfifo", [Path.Combine(Checkpoints, "step-5", "pipe")]))
        {
            await mkfifo.WaitForExitAsync();
        }

        var watcher = Watcher();

        var rejected = Assert.IsType<CheckpointRejected>(Assert.Single(await watcher.ScanAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30))));

        Assert.Equal(CheckpointRejection.Unacceptable, rejected.Rejection);
        Assert.Contains("not a regular file", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finish_RejectsWhatIsStillIncomplete_AndEndsTheEvents()
    {
        WriteCheckpoint(5, complete: false);
        var watcher = Watcher();

        var rejected = Assert.IsType<CheckpointRejected>(Assert.Single(await watcher.FinishAsync(CancellationToken.None)));

        Assert.Equal(CheckpointRejection.Incomplete, rejected.Rejection);
        Assert.Same(rejected, await ReadEventAsync(watcher));
        Assert.False(await watcher.Events.WaitToReadAsync());
    }

    [Theory]
    [InlineData("step-05")]
    [InlineData("step-")]
    [InlineData("step--1")]
    [InlineData("step-1x")]
    [InlineData("checkpoint-1")]
    public async Task Scan_FoldersNotNamedStepN_AreIgnored(string name)
    {
        Directory.CreateDirectory(Path.Combine(Checkpoints, name));
        await File.WriteAllTextAsync(Path.Combine(Checkpoints, name, ".complete"), string.Empty);

        Assert.Empty(await Watcher().ScanAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Run_ReportsACheckpointWrittenWhileItWatches()
    {
        var watcher = Watcher();
        using var stop = new CancellationTokenSource();
        var running = watcher.RunAsync(stop.Token);

        WriteCheckpoint(3, complete: true);
        var imported = await ReadEventAsync(watcher);

        Assert.Equal(3UL, Assert.IsType<CheckpointImported>(imported).Step);
        await stop.CancelAsync();
        await Task.WhenAny(running); // cancelled mid-wait or between two scans: canceled or ended, never faulted
        Assert.False(running.IsFaulted, running.Exception?.ToString());
    }

    [Fact]
    public async Task Abandon_EndsTheEvents_AfterWhatWasDecided_SoAReaderStopsWaiting()
    {
        var watcher = Watcher();
        WriteCheckpoint(1, complete: true);
        await watcher.ScanAsync(CancellationToken.None);
        var read = new List<CheckpointEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var reading = Task.Run(async () =>
        {
            await foreach (var decided in watcher.Events.ReadAllAsync(timeout.Token))
            {
                read.Add(decided);
            }
        });

        watcher.Abandon();
        await reading;

        Assert.Equal(1UL, Assert.IsType<CheckpointImported>(Assert.Single(read)).Step);
        Assert.False(timeout.IsCancellationRequested);
    }

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    private CheckpointWatcher Watcher(ulong? committedStep = null, CheckpointWatcherOptions? options = null) =>
        new(Lease, Checkpoints, committedStep, _store, new UnixFsImporter(), options ?? new CheckpointWatcherOptions(),
            NullLogger.Instance, new CheckpointMetrics());

    private static async Task<CheckpointEvent> ReadEventAsync(CheckpointWatcher watcher)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await watcher.Events.ReadAsync(timeout.Token);
    }

    private void WriteCheckpoint(int step, bool complete)
    {
        var folder = Path.Combine(Checkpoints, $"step-{step}");
        Directory.CreateDirectory(Path.Combine(folder, "meta"));
        File.WriteAllBytes(Path.Combine(folder, "model.bin"), Enumerable.Range(0, 1000).Select(i => (byte)(i * step)).ToArray());
        File.WriteAllText(Path.Combine(folder, "meta", "step.txt"), $"step{step}");
        if (complete)
        {
            File.WriteAllText(Path.Combine(folder, ".complete"), string.Empty);
        }
    }
}
