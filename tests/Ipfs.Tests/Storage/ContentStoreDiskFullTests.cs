using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.TestSupport.Faults;

namespace DePinGpu.Ipfs.Tests.Storage;

/// <summary>
/// The store on a disk that really runs out of space: an 8 MiB tmpfs filled to the last byte (root only; skipped with
/// the reason elsewhere). A failed write must leave blocks, pins and sessions consistent, and the store must work again
/// as soon as space is free, without a restart.
/// </summary>
public sealed class ContentStoreDiskFullTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();
    private readonly SmallDisk? _disk;
    private readonly string? _problem;

    public ContentStoreDiskFullTests()
    {
        (_disk, _problem) = SmallDisk.TryMount(_folder.Combine("disk"), megabytes: 8);
    }

    public void Dispose()
    {
        _disk?.Dispose();
        _folder.Dispose();
    }

    [SkippableFact]
    public async Task Pin_WhenThePinDatabaseCannotGrow_FailsWithoutAPin_AndSucceedsOnceSpaceIsFree()
    {
        var disk = RequireDisk();
        using var store = Open(disk);
        var (earlier, _) = await ImportAsync(store, seed: 1, pin: true);
        await using var session = store.BeginSession();
        var root = (await new UnixFsImporter().ImportBytesAsync(TestData.Random(3 * TestData.Chunk, 2), session)).Cid;

        disk.Fill();
        var failure = await Assert.ThrowsAnyAsync<IOException>(() => session.PinAsync(root, name: "while full"));
        Assert.Contains("space", failure.Message, StringComparison.OrdinalIgnoreCase);
        disk.Free();

        Assert.Equal("after free", (await session.PinAsync(root, name: "after free")).Name);
        Assert.Equal(2, (await store.ListPinsAsync()).Count);
        Assert.NotNull(await store.GetPinAsync(earlier));
    }

    [SkippableFact]
    public async Task Pin_FailedForLackOfSpace_LeavesNoHalfRecordedPin_AfterReopening()
    {
        var disk = RequireDisk();
        Libp2p.Multiformats.Cid root;
        using (var store = Open(disk))
        {
            await ImportAsync(store, seed: 1, pin: true);
            await using var session = store.BeginSession();
            root = (await new UnixFsImporter().ImportBytesAsync(TestData.Random(TestData.Chunk, 3), session)).Cid;
            disk.Fill();
            await Assert.ThrowsAnyAsync<IOException>(() => session.PinAsync(root));
            Assert.Null(await store.GetPinAsync(root));
            disk.Free();
        }

        using var reopened = Open(disk);
        Assert.Null(await reopened.GetPinAsync(root));
        Assert.Single(await reopened.ListPinsAsync());
    }

    [SkippableFact]
    public async Task Put_OnAFullDisk_FailsWithoutCountingTheBlockOrLeavingFiles_AndWorksOnceSpaceIsFree()
    {
        var disk = RequireDisk();
        using var store = Open(disk);
        await ImportAsync(store, seed: 1, pin: true);
        await store.Blocks.FlushAsync(); // closes the unflushed window: the next write must record it again
        var before = store.Blocks.GetUsage();

        disk.Fill();
        await using (var session = store.BeginSession())
        {
            await Assert.ThrowsAnyAsync<IOException>(() => new UnixFsImporter().ImportBytesAsync(TestData.Random(TestData.Chunk, 4), session));
        }

        Assert.Equal(before, store.Blocks.GetUsage());
        Assert.Empty(Directory.GetFiles(Path.Combine(disk.Path, "tmp")));
        Assert.Equal(0, store.OpenSessionCount);
        disk.Free();

        var (root, blocks) = await ImportAsync(store, seed: 5, pin: true);
        Assert.Equal(before.BlockCount + blocks, store.Blocks.GetUsage().BlockCount);
        Assert.NotNull(await store.GetPinAsync(root));
    }

    private SmallDisk RequireDisk()
    {
        Skip.If(_disk is null, "A tmpfs to fill needs root with CAP_SYS_ADMIN, and this machine refused the mount: " + _problem);
        return _disk;
    }

    private static ContentStore Open(SmallDisk disk) => ContentStore.Open(new BlockStoreOptions { RootPath = disk.Path });

    private static async Task<(Libp2p.Multiformats.Cid Root, long Blocks)> ImportAsync(ContentStore store, int seed, bool pin)
    {
        await using var session = store.BeginSession();
        var result = await new UnixFsImporter().ImportBytesAsync(TestData.Random(2 * TestData.Chunk, seed), session);
        if (pin)
        {
            await session.PinAsync(result.Cid);
        }

        return (result.Cid, result.BlockCount);
    }
}
