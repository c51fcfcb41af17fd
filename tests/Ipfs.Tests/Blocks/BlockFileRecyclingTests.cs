using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Blocks;

public sealed class BlockFileRecyclingTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    private string TemporaryFolder => _folder.Combine("store", "tmp");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(5000, 1000)]
    [InlineData(1000, 5000)]
    public async Task Put_AfterDelete_ReusesTheRemovedFileAndStoresExactlyTheNewBytes(int removedLength, int newLength)
    {
        using var store = await OpenAsync();
        var removed = Block.Create(MulticodecCode.Raw, TestData.Pattern(removedLength));
        var added = Block.Create(MulticodecCode.Raw, TestData.Pattern(newLength).Select(value => (byte)(value ^ 0x5a)).ToArray());
        await store.PutAsync(removed);

        Assert.True(await store.DeleteAsync(removed.Cid));
        Assert.Single(Directory.GetFiles(TemporaryFolder));
        Assert.True(await store.PutAsync(added));

        Assert.Empty(Directory.GetFiles(TemporaryFolder));
        Assert.Equal(added.Data.ToArray(), await store.GetAsync(added.Cid));
        Assert.Equal(newLength, await store.GetSizeAsync(added.Cid));
        Assert.Null(await store.GetAsync(removed.Cid));
        Assert.Equal(new BlockStoreUsage(1, newLength), store.GetUsage());
        Assert.Equal(0, await store.VerifyAllAsync());
    }

    [Fact]
    public async Task Open_AfterCrash_ReverifiesABlockWrittenIntoAnOldSpare()
    {
        var old = Block.Create(MulticodecCode.Raw, TestData.Random(8192, 4));
        var added = Block.Create(MulticodecCode.Raw, TestData.Random(4096, 5));
        var store = await OpenAsync();
        await store.PutAsync(old);
        await store.FlushAsync();
        File.SetLastWriteTimeUtc(PathOf(old.Cid), DateTime.UtcNow.AddDays(-1));
        await store.DeleteAsync(old.Cid);
        await store.PutAsync(added);
        store.AbandonWithoutFlush();

        // The reuse gave the old file the time of its new write, so the crash scrub covers it; a crash that lost the
        // new bytes (the old block's bytes under the new name) is then caught.
        var written = File.GetLastWriteTimeUtc(PathOf(added.Cid));
        Assert.True(written > DateTime.UtcNow.AddHours(-1), $"the reused file kept its old time {written:O}");
        await File.WriteAllBytesAsync(PathOf(added.Cid), old.Data.ToArray());
        File.SetLastWriteTimeUtc(PathOf(added.Cid), written);

        using var recovered = await OpenAsync();

        Assert.False(await recovered.HasAsync(added.Cid));
        Assert.Equal(new BlockStoreUsage(0, 0), recovered.GetUsage());
    }

    [Fact]
    public async Task Put_WhenTheSpareVanished_WritesANewFile()
    {
        using var store = await OpenAsync();
        var removed = Block.Create(MulticodecCode.Raw, TestData.Pattern(3000));
        var added = Block.Create(MulticodecCode.Raw, TestData.Random(2000, 6));
        await store.PutAsync(removed);
        await store.DeleteAsync(removed.Cid);
        File.Delete(Assert.Single(Directory.GetFiles(TemporaryFolder)));

        Assert.True(await store.PutAsync(added));

        Assert.Equal(added.Data.ToArray(), await store.GetAsync(added.Cid));
        Assert.Empty(Directory.GetFiles(TemporaryFolder));
        Assert.Equal(new BlockStoreUsage(1, 2000), store.GetUsage());
    }

    [Fact]
    public async Task Delete_BeyondTheBudget_DeletesTheFile()
    {
        using var store = await OpenAsync(options => options with { RecycledFileBytes = 1500 });
        var blocks = Enumerable.Range(1, 3).Select(index => Block.Create(MulticodecCode.Raw, TestData.Pattern(1000 + index))).ToList();
        foreach (var block in blocks)
        {
            await store.PutAsync(block);
        }

        foreach (var block in blocks)
        {
            Assert.True(await store.DeleteAsync(block.Cid));
        }

        Assert.Single(Directory.GetFiles(TemporaryFolder));
        Assert.Equal(new BlockStoreUsage(0, 0), store.GetUsage());
    }

    [Fact]
    public async Task Delete_WithRecyclingOff_LeavesNoFile()
    {
        using var store = await OpenAsync(options => options with { RecycledFileBytes = 0 });
        var block = Block.Create(MulticodecCode.Raw, TestData.Pattern(100));
        await store.PutAsync(block);

        await store.DeleteAsync(block.Cid);

        Assert.Empty(Directory.GetFiles(TemporaryFolder));
    }

    [Fact]
    public async Task Open_DeletesSpareFilesLeftByTheLastRun()
    {
        var block = Block.Create(MulticodecCode.Raw, TestData.Pattern(100));
        using (var store = await OpenAsync())
        {
            await store.PutAsync(block);
            await store.DeleteAsync(block.Cid);
            Assert.Single(Directory.GetFiles(TemporaryFolder));
        }

        using var reopened = await OpenAsync();

        Assert.Empty(Directory.GetFiles(TemporaryFolder));
        Assert.Equal(new BlockStoreUsage(0, 0), reopened.GetUsage());
    }

    [Fact]
    public async Task Options_NegativeRecycledBytes_AreRefused()
    {
        var options = new BlockStoreOptions { RootPath = _folder.Combine("store"), RecycledFileBytes = -1 };

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => FileSystemBlockStore.OpenAsync(options));

        Assert.Contains("RecycledFileBytes", exception.Message);
    }

    private string PathOf(Cid cid)
    {
        var name = cid.ToV1().ToString();
        return _folder.Combine("store", "blocks", name[^3..^1], name);
    }

    private Task<FileSystemBlockStore> OpenAsync(Func<BlockStoreOptions, BlockStoreOptions>? configure = null)
    {
        var options = new BlockStoreOptions { RootPath = _folder.Combine("store") };
        options = configure?.Invoke(options) ?? options;
        return FileSystemBlockStore.OpenAsync(options);
    }
}
