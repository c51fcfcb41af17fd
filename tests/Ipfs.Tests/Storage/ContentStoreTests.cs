using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.DagPb;
using DePinGpu.Ipfs.Pins;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Storage;

public sealed class ContentStoreTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task PinRecursive_IncompleteDag_IsRefusedNamingTheMissingBlock()
    {
        using var store = await OpenAsync();
        var (root, _) = await ImportInSessionAsync(store, 3 * TestData.Chunk, pin: false);
        var leaf = DagPbDecoder.Decode((await store.Blocks.GetAsync(root))!).Links[2].Hash;
        await store.Blocks.DeleteAsync(leaf);

        var exception = await Assert.ThrowsAsync<BlockNotFoundException>(() => store.PinAsync(root));

        Assert.Equal(leaf, exception.Cid);
        Assert.Null(await store.GetPinAsync(root));
    }

    [Fact]
    public async Task Pins_AreNamedTypedAndPersisted()
    {
        Cid root;
        Cid single;
        using (var store = await OpenAsync())
        {
            (root, _) = await ImportInSessionAsync(store, 2 * TestData.Chunk, pin: false);
            await store.PinAsync(root, PinType.Direct, "first");
            await store.PinAsync(root, PinType.Recursive, "lease 7 step 1200");
            await using var session = store.BeginSession();
            single = (await new UnixFsImporter().ImportBytesAsync(TestData.Hello, session)).Cid;
            await session.PinAsync(single, PinType.Direct);
            var unchanged = await store.PinAsync(root, PinType.Direct);
            Assert.Equal(PinType.Recursive, unchanged.Type);
        }

        using var reopened = await OpenAsync();
        var pin = await reopened.GetPinAsync(root);
        Assert.Equal(PinType.Recursive, pin!.Type);
        Assert.Equal("lease 7 step 1200", pin.Name);
        Assert.Equal([single], (await reopened.ListPinsAsync(PinType.Direct)).Select(p => p.Cid));
        Assert.Equal(2, (await reopened.ListPinsAsync()).Count);
        var leaf = DagPbDecoder.Decode((await reopened.Blocks.GetAsync(root))!).Links[0].Hash;
        Assert.Equal(PinType.Indirect, await reopened.GetPinStateAsync(leaf));
        Assert.True(await reopened.UnpinAsync(root));
        Assert.False(await reopened.UnpinAsync(root));
        Assert.Null(await reopened.GetPinStateAsync(leaf));
    }

    [Fact]
    public async Task Gc_RemovesOnlyUnpinnedBlocks()
    {
        using var store = await OpenAsync();
        var (kept, keptBlocks) = await ImportInSessionAsync(store, 3 * TestData.Chunk + 5, pin: true);
        var (dropped, droppedBlocks) = await ImportInSessionAsync(store, 2 * TestData.Chunk + 9, pin: false);

        var result = await store.CollectGarbageAsync();

        Assert.Equal(droppedBlocks, result.RemovedBlocks);
        Assert.Equal(keptBlocks, result.KeptBlocks);
        Assert.False(await store.Blocks.HasAsync(dropped));
        Assert.Equal(3UL * TestData.Chunk + 5, await new UnixFsExporter(store.Blocks).WriteFileAsync(kept, Stream.Null));
        Assert.Equal(keptBlocks, store.Blocks.GetUsage().BlockCount);
    }

    [Fact]
    public async Task Gc_DuringImport_NeverRemovesTheSessionsBlocks()
    {
        using var store = await OpenAsync();
        var content = TestData.Random(300 * 1024, 21);
        var importer = new UnixFsImporter(new ImportOptions { ChunkSize = 1024, MaxLinksPerNode = 8, Parallelism = 2 });
        await using var session = store.BeginSession();
        using var stop = new CancellationTokenSource();
        var collections = Task.Run(async () =>
        {
            var runs = 0;
            while (!stop.IsCancellationRequested)
            {
                await store.CollectGarbageAsync();
                runs++;
            }

            return runs;
        });

        var result = await importer.ImportBytesAsync(content, session);
        Assert.Equal(0, (await store.CollectGarbageAsync()).RemovedBlocks);
        await session.PinAsync(result.Cid, name: "checkpoint");
        await session.DisposeAsync();
        await stop.CancelAsync();
        Assert.True(await collections > 0);

        Assert.Equal(0, (await store.CollectGarbageAsync()).RemovedBlocks);
        using var output = new MemoryStream();
        await new UnixFsExporter(store.Blocks).WriteFileAsync(result.Cid, output);
        Assert.Equal(content, output.ToArray());
    }

    [Fact]
    public async Task Gc_AfterAbandonedSession_ReclaimsItsBlocks()
    {
        using var store = await OpenAsync();
        var (_, blocks) = await ImportInSessionAsync(store, 2 * TestData.Chunk, pin: false);

        var result = await store.CollectGarbageAsync();

        Assert.Equal(blocks, result.RemovedBlocks);
        Assert.Equal(new BlockStoreUsage(0, 0), store.Blocks.GetUsage());
        Assert.Equal(0, store.OpenSessionCount);
    }

    [Fact]
    public async Task Session_RetainedExistingBlock_SurvivesGc()
    {
        using var store = await OpenAsync();
        var block = Block.Create(MulticodecCode.Raw, TestData.Random(100, 1));
        await store.Blocks.PutAsync(block);
        await using var session = store.BeginSession();

        Assert.True(await session.RetainAsync(block.Cid));
        var result = await store.CollectGarbageAsync();

        Assert.Equal(1, result.HeldBlocks);
        Assert.True(await store.Blocks.HasAsync(block.Cid));
    }

    [Fact]
    public async Task Gc_KeepsDirectPinButNotItsChildren()
    {
        using var store = await OpenAsync();
        var (root, _) = await ImportInSessionAsync(store, 2 * TestData.Chunk, pin: false);
        await store.PinAsync(root, PinType.Direct);

        var result = await store.CollectGarbageAsync();

        Assert.Equal(2, result.RemovedBlocks);
        Assert.True(await store.Blocks.HasAsync(root));
    }

    private Task<ContentStore> OpenAsync() =>
        ContentStore.OpenAsync(new BlockStoreOptions { RootPath = _folder.Combine("repo"), Fsync = FsyncPolicy.None });

    private static async Task<(Cid Root, long Blocks)> ImportInSessionAsync(ContentStore store, int size, bool pin)
    {
        await using var session = store.BeginSession();
        var result = await new UnixFsImporter().ImportBytesAsync(TestData.Random(size, size), session);
        if (pin)
        {
            await session.PinAsync(result.Cid);
        }

        return (result.Cid, result.BlockCount);
    }
}
