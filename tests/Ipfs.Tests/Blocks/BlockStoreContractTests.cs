using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Blocks;

/// <summary>
/// What every <see cref="IBlockStore"/> promises, run against the file-system store and the memory store alike:
/// put once, the v0 and v1 names of a block, identity CIDs, enumeration, usage, and a cancelled call changing nothing.
/// </summary>
public sealed class BlockStoreContractTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();
    private readonly List<IDisposable> _opened = [];

    public static TheoryData<string> Stores => new() { "file", "memory" };

    public void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        _folder.Dispose();
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task PutOnce_ThenEveryReadAnswers_AndDeleteForgetsIt(string kind)
    {
        var store = await OpenAsync(kind);
        var block = Block.Create(MulticodecCode.Raw, TestData.Pattern(1500));
        var absent = Block.Create(MulticodecCode.Raw, TestData.Pattern(10)).Cid;

        Assert.True(await store.PutAsync(block));
        Assert.False(await store.PutAsync(block));
        Assert.Equal(new BlockStoreUsage(1, 1500), store.GetUsage());
        Assert.True(await store.HasAsync(block.Cid));
        Assert.False(await store.HasAsync(absent));
        Assert.Equal(1500, await store.GetSizeAsync(block.Cid));
        Assert.Null(await store.GetSizeAsync(absent));
        Assert.Null(await store.GetAsync(absent));
        Assert.Null(await store.RentAsync(absent));
        Assert.False(await store.DeleteAsync(absent));

        Assert.True(await store.DeleteAsync(block.Cid));
        Assert.False(await store.HasAsync(block.Cid));
        Assert.Null(await store.RentAsync(block.Cid));
        Assert.Equal(new BlockStoreUsage(0, 0), store.GetUsage());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task CidV0AndV1_OfOneDagPbBlock_NameTheSameStoredBlock(string kind)
    {
        var store = await OpenAsync(kind);
        var data = TestData.Pattern(64);
        var v0 = Cid.CreateV0(Multihash.Sha256(data));
        var v1 = v0.ToV1();

        Assert.True(await store.PutAsync(Block.Verify(v0, data)));
        Assert.False(await store.PutAsync(Block.Verify(v1, data)));
        Assert.True(await store.HasAsync(v1));
        Assert.Equal(data, await store.GetAsync(v1));
        Assert.Equal(64, await store.GetSizeAsync(v1));
        using (var rented = await store.RentAsync(v1))
        {
            Assert.Equal(data, rented!.Memory.ToArray());
        }

        Assert.Equal([v1], await ToListAsync(store.EnumerateAsync()));
        Assert.True(await store.DeleteAsync(v1));
        Assert.False(await store.HasAsync(v0));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task IdentityCid_IsAnsweredFromTheCidItself_AndNeverStored(string kind)
    {
        var store = await OpenAsync(kind);
        var cid = Cid.CreateV1(MulticodecCode.Raw, Multihash.Identity("inline"u8));

        Assert.False(await store.PutAsync(Block.Verify(cid, "inline"u8.ToArray())));
        Assert.True(await store.HasAsync(cid));
        Assert.Equal("inline"u8.ToArray(), await store.GetAsync(cid));
        Assert.Equal(6, await store.GetSizeAsync(cid));
        using (var rented = await store.RentAsync(cid))
        {
            Assert.Equal("inline"u8.ToArray(), rented!.Memory.ToArray());
        }

        Assert.False(await store.DeleteAsync(cid));
        Assert.Empty(await ToListAsync(store.EnumerateAsync()));
        Assert.Equal(new BlockStoreUsage(0, 0), store.GetUsage());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Enumerate_ListsExactlyTheStoredBlocks(string kind)
    {
        var store = await OpenAsync(kind);
        var cids = new List<Cid>();
        for (var index = 0; index < 5; index++)
        {
            var block = Block.Create(MulticodecCode.Raw, TestData.Pattern(100 + index));
            await store.PutAsync(block);
            cids.Add(block.Cid);
        }

        await store.DeleteAsync(cids[2]);
        cids.RemoveAt(2);

        Assert.Equal(cids.Select(cid => cid.ToString()).Order(), (await ToListAsync(store.EnumerateAsync())).Select(cid => cid.ToString()).Order());
        Assert.Equal(new BlockStoreUsage(4, 100 + 101 + 103 + 104), store.GetUsage());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task CancelledCalls_ThrowAndChangeNothing(string kind)
    {
        var store = await OpenAsync(kind);
        var stored = Block.Create(MulticodecCode.Raw, TestData.Pattern(200));
        var other = Block.Create(MulticodecCode.Raw, TestData.Pattern(300));
        await store.PutAsync(stored);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var token = cancellation.Token;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.HasAsync(stored.Cid, token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetAsync(stored.Cid, token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.RentAsync(stored.Cid, token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetSizeAsync(stored.Cid, token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.PutAsync(other, token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.DeleteAsync(stored.Cid, token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ToListAsync(store.EnumerateAsync(token)));

        Assert.True(await store.HasAsync(stored.Cid));
        Assert.False(await store.HasAsync(other.Cid));
        Assert.Equal(new BlockStoreUsage(1, 200), store.GetUsage());
    }

    private async Task<IBlockStore> OpenAsync(string kind)
    {
        if (kind == "memory")
        {
            return new MemoryBlockStore();
        }

        var store = await FileSystemBlockStore.OpenAsync(new BlockStoreOptions { RootPath = _folder.Combine("store") });
        _opened.Add(store);
        return store;
    }

    private static async Task<List<Cid>> ToListAsync(IAsyncEnumerable<Cid> cids)
    {
        var list = new List<Cid>();
        await foreach (var cid in cids)
        {
            list.Add(cid);
        }

        return list;
    }
}
