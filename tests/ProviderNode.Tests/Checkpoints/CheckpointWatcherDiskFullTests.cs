using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Pins;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.ProviderNode.Checkpoints;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.TestSupport.Faults;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Checkpoints;

/// <summary>
/// The watcher over a content store on a disk that really fills up (an 8 MiB tmpfs; root only, skipped with the
/// reason elsewhere) — what chaos scenario 12 does to a whole node, here one scan at a time.
/// </summary>
public sealed class CheckpointWatcherDiskFullTests : IDisposable
{
    private static readonly LeaseEpoch Lease = new(3, 0);
    private readonly TemporaryDirectory _directory = new();
    private readonly SmallDisk? _disk;
    private readonly string? _problem;

    public CheckpointWatcherDiskFullTests()
    {
        (_disk, _problem) = SmallDisk.TryMount(_directory.Combine("store"), megabytes: 8);
    }

    private string Checkpoints => _directory.Combine("checkpoints");

    public void Dispose()
    {
        _disk?.Dispose();
        _directory.Dispose();
    }

    [SkippableFact]
    public async Task Scan_WhileTheStoreIsFull_PinsNothingAndKeepsNoBlocks_ThenImportsOnceSpaceIsFree()
    {
        Skip.If(_disk is null, "A tmpfs to fill needs root with CAP_SYS_ADMIN, and this machine refused the mount: " + _problem);
        using var store = ContentStore.Open(new BlockStoreOptions { RootPath = _disk.Path });
        var watcher = new CheckpointWatcher(Lease, Checkpoints, null, store, new UnixFsImporter(), new CheckpointWatcherOptions(),
            NullLogger.Instance, new CheckpointMetrics());
        WriteCheckpoint(2, bytes: 1000);
        Assert.IsType<CheckpointImported>(Assert.Single(await watcher.ScanAsync(CancellationToken.None)));
        Assert.True(watcher.Events.TryRead(out _));
        var usageWithOneCheckpoint = store.Blocks.GetUsage();

        // Room for the first blocks of the next checkpoint but not for all of them: the import fails midway.
        WriteCheckpoint(4, bytes: 2 * 1024 * 1024);
        _disk.Fill(leaveFreeBytes: 512 * 1024);
        await Assert.ThrowsAnyAsync<IOException>(() => watcher.ScanAsync(CancellationToken.None));

        Assert.False(watcher.Events.TryRead(out _));
        Assert.Single(await store.ListPinsAsync());
        Assert.Equal(0, store.OpenSessionCount);
        Assert.Equal(usageWithOneCheckpoint, store.Blocks.GetUsage());
        await Assert.ThrowsAnyAsync<IOException>(() => watcher.ScanAsync(CancellationToken.None));

        _disk.Free();
        var imported = Assert.IsType<CheckpointImported>(Assert.Single(await watcher.ScanAsync(CancellationToken.None)));

        Assert.Equal(4UL, imported.Step);
        Assert.Equal(PinType.Recursive, await store.GetPinStateAsync(imported.Cid));
        Assert.Equal(0, store.OpenSessionCount);
        var exported = _directory.Combine("exported");
        await new UnixFsExporter(store.Blocks).ExportAsync(imported.Cid, exported);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Checkpoints, "step-4", "model.bin")), File.ReadAllBytes(Path.Combine(exported, "model.bin")));
    }

    private void WriteCheckpoint(int step, int bytes)
    {
        var folder = Path.Combine(Checkpoints, $"step-{step}");
        Directory.CreateDirectory(folder);
        var content = new byte[bytes];
        new Random(step).NextBytes(content);
        File.WriteAllBytes(Path.Combine(folder, "model.bin"), content);
        File.WriteAllText(Path.Combine(folder, ".complete"), string.Empty);
    }
}
