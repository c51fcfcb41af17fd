using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Blocks;

public sealed class FileSystemBlockStoreTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task PutGetHasSizeDelete_RoundTripsAndAccountsBytes()
    {
        using var store = await OpenAsync();
        var block = Block.Create(MulticodecCode.Raw, TestData.Pattern(1000));

        Assert.True(await store.PutAsync(block));
        Assert.False(await store.PutAsync(block));
        Assert.True(await store.HasAsync(block.Cid));
        Assert.Equal(block.Data.ToArray(), await store.GetAsync(block.Cid));
        Assert.Equal(1000, await store.GetSizeAsync(block.Cid));
        using (var rented = await store.RentAsync(block.Cid))
        {
            Assert.Equal(block.Data.ToArray(), rented!.Memory.ToArray());
        }

        Assert.Equal(new BlockStoreUsage(1, 1000), store.GetUsage());
        Assert.True(await store.DeleteAsync(block.Cid));
        Assert.False(await store.DeleteAsync(block.Cid));
        Assert.Null(await store.GetAsync(block.Cid));
        Assert.Null(await store.GetSizeAsync(block.Cid));
        Assert.Equal(new BlockStoreUsage(0, 0), store.GetUsage());
    }

    [Fact]
    public async Task Open_NewStore_CreatesAllShardFolders_SoImportsCreateOnlyBlockFiles()
    {
        using var store = await OpenAsync();

        var shards = Directory.GetDirectories(_folder.Combine("store", "blocks")).Select(Path.GetFileName).ToHashSet();
        Assert.Equal(1024, shards.Count);
        Assert.Contains("ei", shards);
        Assert.Contains("77", shards);
        Assert.Empty(store.EnumerateAsync().ToBlockingEnumerable());
    }

    [Fact]
    public async Task Put_StoresOneFilePerBlockInItsShardFolder()
    {
        using var store = await OpenAsync();
        var block = Block.Create(MulticodecCode.Raw, TestData.Hello);

        await store.PutAsync(block);

        const string Name = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4";
        Assert.True(File.Exists(_folder.Combine("store", "blocks", Name[^3..^1], Name)));
        Assert.Empty(Directory.GetFiles(_folder.Combine("store", "tmp")));
    }

    [Fact]
    public async Task CidV0AndV1_NameTheSameDagPbBlock()
    {
        using var store = await OpenAsync();
        var block = Block.Create(MulticodecCode.DagPb, TestData.Hex("0a020801"));
        var legacy = Cid.CreateV0(block.Cid.Hash);

        await store.PutAsync(block);

        Assert.True(await store.HasAsync(legacy));
        Assert.Equal(block.Data.ToArray(), await store.GetAsync(legacy));
    }

    [Fact]
    public async Task Reopen_KeepsBlocksAndRecountsUsage()
    {
        var blocks = Enumerable.Range(1, 20).Select(size => Block.Create(MulticodecCode.Raw, TestData.Random(size * 10, size))).ToArray();
        using (var store = await OpenAsync())
        {
            foreach (var block in blocks)
            {
                await store.PutAsync(block);
            }
        }

        using var reopened = await OpenAsync();
        Assert.Equal(new BlockStoreUsage(20, blocks.Sum(b => (long)b.Data.Length)), reopened.GetUsage());
        var listed = new HashSet<Cid>();
        await foreach (var cid in reopened.EnumerateAsync())
        {
            listed.Add(cid);
        }

        Assert.True(listed.SetEquals(blocks.Select(b => b.Cid)));
    }

    [Fact]
    public async Task ConcurrentPutsOfOneBlock_StoreItOnceAndCountItOnce()
    {
        using var store = await OpenAsync();
        var block = Block.Create(MulticodecCode.Raw, TestData.Random(50_000, 7));

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () => await store.PutAsync(block))));

        Assert.True(results.Count(stored => stored) <= 1);
        Assert.Equal(new BlockStoreUsage(1, 50_000), store.GetUsage());
    }

    [Fact]
    public async Task Open_Twice_FailsWithClearError()
    {
        using var store = await OpenAsync();

        var exception = await Assert.ThrowsAsync<IOException>(() => OpenAsync());

        Assert.Contains("held by another", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_RemovesTemporaryFilesOfAnInterruptedWrite()
    {
        using (await OpenAsync())
        {
        }

        await File.WriteAllBytesAsync(_folder.Combine("store", "tmp", "half-written.tmp"), [1, 2, 3]);
        using var store = await OpenAsync();

        Assert.Empty(Directory.GetFiles(_folder.Combine("store", "tmp")));
    }

    [Fact]
    public async Task Open_AfterCrashInsideUnflushedWindow_RemovesTornBlocksAndKeepsGoodOnes()
    {
        var good = Block.Create(MulticodecCode.Raw, TestData.Random(4096, 1));
        var torn = Block.Create(MulticodecCode.Raw, TestData.Random(4096, 2));
        var store = await OpenAsync();
        await store.PutAsync(good);
        await store.PutAsync(torn);
        store.AbandonWithoutFlush();
        Assert.True(File.Exists(_folder.Combine("store", "unflushed-since")));
        await CorruptFileAsync(torn.Cid, truncate: true);

        using var recovered = await OpenAsync();

        Assert.True(await recovered.HasAsync(good.Cid));
        Assert.False(await recovered.HasAsync(torn.Cid));
        Assert.Equal(new BlockStoreUsage(1, 4096), recovered.GetUsage());
        Assert.False(File.Exists(_folder.Combine("store", "unflushed-since")));
    }

    [Fact]
    public async Task Flush_ClosesTheUnflushedWindow()
    {
        using var store = await OpenAsync();
        await store.PutAsync(Block.Create(MulticodecCode.Raw, TestData.Hello));
        Assert.True(File.Exists(_folder.Combine("store", "unflushed-since")));

        await store.FlushAsync();

        Assert.False(File.Exists(_folder.Combine("store", "unflushed-since")));
    }

    [Fact]
    public async Task Get_WithVerifyOnRead_DetectsFlippedByteAndQuarantinesTheBlock()
    {
        using var store = await OpenAsync(options => options with { VerifyOnRead = true });
        var block = Block.Create(MulticodecCode.Raw, TestData.Random(2000, 3));
        await store.PutAsync(block);
        await CorruptFileAsync(block.Cid, truncate: false);

        var exception = await Assert.ThrowsAsync<CorruptBlockException>(async () => await store.GetAsync(block.Cid));

        Assert.Equal(block.Cid, exception.Cid);
        Assert.Contains(block.Cid.ToString(), exception.Message, StringComparison.Ordinal);
        Assert.False(await store.HasAsync(block.Cid));
        Assert.Equal(new BlockStoreUsage(0, 0), store.GetUsage());
    }

    [Fact]
    public async Task VerifyAll_RemovesCorruptBlocks()
    {
        using var store = await OpenAsync();
        var block = Block.Create(MulticodecCode.Raw, TestData.Random(2000, 4));
        await store.PutAsync(block);
        await store.PutAsync(Block.Create(MulticodecCode.Raw, TestData.Hello));
        await CorruptFileAsync(block.Cid, truncate: false);

        Assert.Equal(1, await store.VerifyAllAsync());
        Assert.Equal(1, store.GetUsage().BlockCount);
    }

    [Fact]
    public async Task Put_BeyondCapacity_ThrowsAndChangesNothing()
    {
        using var store = await OpenAsync(options => options with { CapacityBytes = 3000 });
        await store.PutAsync(Block.Create(MulticodecCode.Raw, TestData.Random(2000, 5)));

        var exception = await Assert.ThrowsAsync<BlockStoreFullException>(async () =>
            await store.PutAsync(Block.Create(MulticodecCode.Raw, TestData.Random(2000, 6))));

        Assert.Contains("garbage collection", exception.Message, StringComparison.Ordinal);
        Assert.Equal(new BlockStoreUsage(1, 2000), store.GetUsage());
    }

    [Fact]
    public async Task Put_OversizeBlock_IsRejected()
    {
        using var store = await OpenAsync(options => options with { MaxBlockSize = 1024 });

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.PutAsync(Block.Create(MulticodecCode.Raw, new byte[1025])));
    }

    [Fact]
    public async Task PerBlockFsync_StoresAndReadsBlocks()
    {
        using var store = await OpenAsync(options => options with { Fsync = FsyncPolicy.PerBlock });
        var block = Block.Create(MulticodecCode.Raw, TestData.Random(300_000, 8));

        await store.PutAsync(block);
        await store.FlushAsync();

        Assert.Equal(block.Data.ToArray(), await store.GetAsync(block.Cid));
    }

    [Fact]
    public async Task IdentityCid_IsPresentWithoutStorage()
    {
        using var store = await OpenAsync();
        var cid = Cid.CreateV1(MulticodecCode.Raw, Multihash.Identity("inline"u8));

        Assert.True(await store.HasAsync(cid));
        Assert.Equal("inline"u8.ToArray(), await store.GetAsync(cid));
        Assert.Equal(0, store.GetUsage().BlockCount);
    }

    [Theory]
    [InlineData("", "RootPath")]
    [InlineData("x", "MaxBlockSize")]
    public async Task Open_InvalidOptions_NameTheSetting(string root, string expected)
    {
        var options = new BlockStoreOptions { RootPath = root, MaxBlockSize = root.Length == 0 ? 4096 : 10 };

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => FileSystemBlockStore.OpenAsync(options));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    private Task<FileSystemBlockStore> OpenAsync(Func<BlockStoreOptions, BlockStoreOptions>? configure = null)
    {
        var options = new BlockStoreOptions { RootPath = _folder.Combine("store") };
        options = configure?.Invoke(options) ?? options;
        return FileSystemBlockStore.OpenAsync(options);
    }

    private async Task CorruptFileAsync(Cid cid, bool truncate)
    {
        var name = cid.ToString();
        var path = _folder.Combine("store", "blocks", name[^3..^1], name);
        var bytes = await File.ReadAllBytesAsync(path);
        if (truncate)
        {
            bytes = bytes[..(bytes.Length / 2)];
        }
        else
        {
            bytes[bytes.Length / 2] ^= 0x01;
        }

        await File.WriteAllBytesAsync(path, bytes);
    }
}
