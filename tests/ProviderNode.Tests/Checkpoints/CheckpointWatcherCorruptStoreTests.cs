using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.ProviderNode.Checkpoints;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.ProviderNode.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Checkpoints;

/// <summary>The active provider's own store corrupts blocks at rest (a failing disk): its checkpoints must keep coming.</summary>
public sealed class CheckpointWatcherCorruptStoreTests : IDisposable
{
    private static readonly LeaseEpoch Lease = new(3, 0);
    private readonly TemporaryDirectory _directory = new();
    private readonly FileSystemBlockStore _blocks;
    private readonly ContentStore _store;

    public CheckpointWatcherCorruptStoreTests()
    {
        _blocks = FileSystemBlockStore.Open(new BlockStoreOptions { RootPath = _directory.Combine("store") });
        _store = new ContentStore(_blocks, new ContentStoreOptions { PinDatabasePath = _directory.Combine("pins.db") });
    }

    private string Checkpoints => _directory.Combine("checkpoints");

    [Fact]
    public async Task Scan_CheckpointSharingABlockWhoseStoredCopyRotted_RewritesTheBlockAndImports()
    {
        WriteCheckpoint(2);
        var watcher = Watcher();
        Assert.IsType<CheckpointImported>(Assert.Single(await watcher.ScanAsync(CancellationToken.None)));
        var rotted = FlipTheLastByteOfEveryBlockFile();

        // step-4 shares model.bin with step-2: its blocks are "already stored", but their stored copies no longer hash right.
        WriteCheckpoint(4);
        var imported = Assert.IsType<CheckpointImported>(Assert.Single(await watcher.ScanAsync(CancellationToken.None)));

        Assert.True(rotted > 0);
        Assert.Equal(4UL, imported.Step);
        var exported = _directory.Combine("exported");
        await new UnixFsExporter(_blocks).ExportAsync(imported.Cid, exported);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Checkpoints, "step-4", "model.bin")), File.ReadAllBytes(Path.Combine(exported, "model.bin")));
    }

    [Fact]
    public async Task Scan_StoreCorruptingWhatItJustWroteTwice_RejectsTheCheckpoint_AndTheNextScanGoesOn()
    {
        WriteCheckpoint(2);
        var root = (await new UnixFsImporter().ImportAsync(Path.Combine(Checkpoints, "step-2"), new MemoryBlockStore())).Cid;
        var corrupting = new CorruptingBlockStore(_blocks, root); // the directory node: the pin walk reads it
        using var store = new ContentStore(corrupting, new ContentStoreOptions { PinDatabasePath = _directory.Combine("corrupting-pins.db") });
        var watcher = new CheckpointWatcher(Lease, Checkpoints, null, store, new UnixFsImporter(), new CheckpointWatcherOptions(), NullLogger.Instance, new CheckpointMetrics());

        var rejected = Assert.IsType<CheckpointRejected>(Assert.Single(await watcher.ScanAsync(CancellationToken.None)));
        WriteCheckpoint(4, model: 4);
        var next = Assert.IsType<CheckpointImported>(Assert.Single(await watcher.ScanAsync(CancellationToken.None)));

        Assert.Equal((2UL, CheckpointRejection.Unacceptable), (rejected.Step, rejected.Rejection));
        Assert.Contains("corrupt", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(4UL, next.Step);
    }

    public void Dispose()
    {
        _store.Dispose();
        _blocks.Dispose();
        _directory.Dispose();
    }

    private CheckpointWatcher Watcher() =>
        new(Lease, Checkpoints, null, _store, new UnixFsImporter(), new CheckpointWatcherOptions(), NullLogger.Instance, new CheckpointMetrics());

    /// <summary>Writes step-N (a 4 KiB model.bin that depends only on <paramref name="model"/>).</summary>
    private void WriteCheckpoint(int step, int model = 1)
    {
        var folder = Path.Combine(Checkpoints, $"step-{step}");
        Directory.CreateDirectory(folder);
        var bytes = Enumerable.Range(0, 4096).Select(i => (byte)(i * model)).ToArray();
        File.WriteAllBytes(Path.Combine(folder, "model.bin"), bytes);
        File.WriteAllText(Path.Combine(folder, "step"), step.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.WriteAllText(Path.Combine(folder, ".complete"), string.Empty);
    }

    private int FlipTheLastByteOfEveryBlockFile()
    {
        var flipped = 0;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_directory.Combine("store"), "blocks"), "b*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            if (bytes.Length > 0)
            {
                bytes[^1] ^= 0xFF;
                File.WriteAllBytes(file, bytes);
                flipped++;
            }
        }

        return flipped;
    }
}
