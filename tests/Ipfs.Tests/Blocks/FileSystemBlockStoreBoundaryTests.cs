using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Blocks;

/// <summary>
/// The file-system store at its edges: option bounds, a block that exactly fills the capacity, a stored file larger than
/// the block limit, reads without verification, unrecognised files in a shard, and use after disposal.
/// </summary>
public sealed class FileSystemBlockStoreBoundaryTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("MaxBlockSize", 1023)]
    [InlineData("MaxBlockSize", 64 * 1024 * 1024 + 1)]
    [InlineData("CapacityBytes", 0)]
    [InlineData("RecycledFileBytes", -1)]
    [InlineData("Fsync", 99)]
    [InlineData("RootPath", 0)]
    public void Options_JustOutsideTheirBounds_AreRefusedNamingTheSetting(string setting, long value)
    {
        var options = Valid();
        options = setting switch
        {
            "MaxBlockSize" => options with { MaxBlockSize = (int)value },
            "CapacityBytes" => options with { CapacityBytes = value },
            "RecycledFileBytes" => options with { RecycledFileBytes = value },
            "Fsync" => options with { Fsync = (FsyncPolicy)value },
            "RootPath" => options with { RootPath = "  " },
            _ => throw new ArgumentOutOfRangeException(nameof(setting)),
        };

        var exception = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith($"Invalid block store options: {setting}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_WithoutARoot_AreRefused()
    {
        var exception = Assert.Throws<ArgumentException>(new BlockStoreOptions().Validate);

        Assert.Equal("Invalid block store options: RootPath must name the folder of the block store.", exception.Message);
    }

    [Fact]
    public void Options_AtTheirBounds_AreAccepted()
    {
        (Valid() with { MaxBlockSize = 1024, CapacityBytes = 1, RecycledFileBytes = 0, Fsync = FsyncPolicy.None }).Validate();
        (Valid() with { MaxBlockSize = 64 * 1024 * 1024, CapacityBytes = null, Fsync = FsyncPolicy.PerBlock }).Validate();
    }

    [Fact]
    public void Options_SeveralInvalid_AreAllNamed()
    {
        var options = new BlockStoreOptions { RootPath = "", MaxBlockSize = 1, CapacityBytes = -1 };

        var message = Assert.Throws<ArgumentException>(options.Validate).Message;

        Assert.Contains("RootPath", message, StringComparison.Ordinal);
        Assert.Contains("MaxBlockSize 1 ", message, StringComparison.Ordinal);
        Assert.Contains("CapacityBytes -1 ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_ExactlyFillingTheCapacity_IsStored_AndOneByteMoreIsRefused()
    {
        using var store = await FileSystemBlockStore.OpenAsync(Valid() with { CapacityBytes = 3000 });
        await store.PutAsync(Block.Create(MulticodecCode.Raw, TestData.Pattern(1000)));

        Assert.True(await store.PutAsync(Block.Create(MulticodecCode.Raw, TestData.Pattern(2000))));
        var full = await Assert.ThrowsAsync<BlockStoreFullException>(() => store.PutAsync(Block.Create(MulticodecCode.Raw, new byte[] { 1 })).AsTask());

        Assert.Equal(3000, full.CapacityBytes);
        Assert.Equal(3000, full.UsedBytes);
        Assert.Equal(new BlockStoreUsage(2, 3000), store.GetUsage());
    }

    [Fact]
    public async Task Put_OfExactlyTheLargestBlock_IsStored()
    {
        using var store = await FileSystemBlockStore.OpenAsync(Valid() with { MaxBlockSize = 1024 });
        var block = Block.Create(MulticodecCode.Raw, TestData.Pattern(1024));

        Assert.True(await store.PutAsync(block));
        Assert.Equal(block.Data.ToArray(), await store.GetAsync(block.Cid));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(Block.Create(MulticodecCode.Raw, TestData.Pattern(1025))).AsTask());
    }

    [Fact]
    public async Task StoredFileLargerThanTheBlockLimit_IsCorrupt_AndRemoved_EvenWithoutVerifyOnRead()
    {
        var options = Valid() with { MaxBlockSize = 1024 };
        var block = Block.Create(MulticodecCode.Raw, TestData.Pattern(1000));
        using (var store = await FileSystemBlockStore.OpenAsync(options))
        {
            await store.PutAsync(block);
        }

        await File.WriteAllBytesAsync(PathOf(block.Cid), TestData.Pattern(1025));
        using var reopened = await FileSystemBlockStore.OpenAsync(options with { Fsync = FsyncPolicy.None });

        var corrupt = await Assert.ThrowsAsync<CorruptBlockException>(() => reopened.RentAsync(block.Cid).AsTask());
        Assert.Equal(block.Cid, corrupt.Cid);
        Assert.False(File.Exists(PathOf(block.Cid)));
        Assert.False(await reopened.HasAsync(block.Cid));
    }

    [Fact]
    public async Task WithoutVerifyOnRead_AFlippedByteIsReturnedAsStored_WithVerifyOnReadARentIsRefused()
    {
        var block = Block.Create(MulticodecCode.Raw, TestData.Pattern(1000));
        using (var store = await FileSystemBlockStore.OpenAsync(Valid()))
        {
            await store.PutAsync(block);
        }

        var flipped = block.Data.ToArray();
        flipped[500] ^= 0x01;
        await File.WriteAllBytesAsync(PathOf(block.Cid), flipped);
        using (var trusting = await FileSystemBlockStore.OpenAsync(Valid()))
        {
            Assert.Equal(flipped, await trusting.GetAsync(block.Cid));
        }

        using var verifying = await FileSystemBlockStore.OpenAsync(Valid() with { VerifyOnRead = true });
        await Assert.ThrowsAsync<CorruptBlockException>(() => verifying.RentAsync(block.Cid).AsTask());
        Assert.False(await verifying.HasAsync(block.Cid));
        Assert.Equal(new BlockStoreUsage(0, 0), verifying.GetUsage());
    }

    [Fact]
    public async Task FilesThatAreNotBlocks_AreLeftOutOfEnumerationAndUsage()
    {
        var block = Block.Create(MulticodecCode.Raw, TestData.Pattern(100));
        using (var store = await FileSystemBlockStore.OpenAsync(Valid()))
        {
            await store.PutAsync(block);
        }

        var shard = Path.GetDirectoryName(PathOf(block.Cid))!;
        await File.WriteAllBytesAsync(Path.Combine(shard, "notes.txt"), [1, 2, 3]);
        await File.WriteAllBytesAsync(Path.Combine(shard, block.Cid.ToString().ToUpperInvariant()), [1, 2, 3]);
        using var reopened = await FileSystemBlockStore.OpenAsync(Valid());

        var listed = new List<Cid>();
        await foreach (var cid in reopened.EnumerateAsync())
        {
            listed.Add(cid);
        }

        Assert.Equal([block.Cid], listed);
        Assert.Equal(new BlockStoreUsage(1, 100), reopened.GetUsage());
    }

    [Fact]
    public async Task AfterDispose_PutIsRefused_AndASecondDisposeDoesNothing()
    {
        var store = await FileSystemBlockStore.OpenAsync(Valid());
        store.Dispose();
        store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.PutAsync(Block.Create(MulticodecCode.Raw, new byte[] { 1 })).AsTask());
        using var reopened = await FileSystemBlockStore.OpenAsync(Valid());
        Assert.Equal(new BlockStoreUsage(0, 0), reopened.GetUsage());
    }

    private BlockStoreOptions Valid() => new() { RootPath = _folder.Combine("store") };

    private string PathOf(Cid cid)
    {
        var name = cid.ToV1().ToString();
        return _folder.Combine("store", "blocks", name[^3..^1], name);
    }
}
