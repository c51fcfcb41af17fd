using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Blocks;

/// <summary>
/// The writer's failure paths: a block whose name is already taken, a rename that fails, and a window marker that cannot
/// be written. Each leaves no file in <c>tmp/</c>, no partial block and exactly the accounting of what is stored.
/// </summary>
public sealed class BlockFileWriterTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();
    private readonly BlockFileLayout _layout;
    private readonly BlockStoreAccounting _accounting = new(capacityBytes: 10_000);

    public BlockFileWriterTests()
    {
        _layout = new BlockFileLayout(_folder.Combine("store"));
        _layout.CreateFolders();
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Write_OfANameAlreadyTaken_ReturnsFalse_KeepsTheFirstFile_AndCountsItOnce()
    {
        var writer = NewWriter();
        var block = Block.Create(MulticodecCode.Raw, TestData.Random(3000, 1));
        var path = _layout.PathOf(block.Cid);

        Assert.True(writer.Write(block, path));
        Assert.False(writer.Write(block, path));

        Assert.Equal(new BlockStoreUsage(1, 3000), _accounting.Usage);
        Assert.Empty(Directory.GetFiles(_layout.TemporaryPath));
        Assert.Equal(block.Data.ToArray(), File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Write_WhoseRenameFails_Throws_LeavesNoFile_AndReleasesTheReservation(bool intoASpare)
    {
        var writer = NewWriter();
        if (intoASpare)
        {
            var old = Block.Create(MulticodecCode.Raw, TestData.Random(2000, 2));
            writer.Write(old, _layout.PathOf(old.Cid));
            writer.Remove(_layout.PathOf(old.Cid));
            Assert.Single(Directory.GetFiles(_layout.TemporaryPath));
        }

        var block = Block.Create(MulticodecCode.Raw, TestData.Random(10_000, 3));
        var path = _layout.PathOf(block.Cid);
        Directory.Delete(Path.GetDirectoryName(path)!);

        Assert.Throws<DirectoryNotFoundException>(() => writer.Write(block, path));

        Assert.Empty(Directory.GetFiles(_layout.TemporaryPath));
        Assert.Equal(new BlockStoreUsage(0, 0), _accounting.Usage);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Assert.True(writer.Write(block, path)); // the whole capacity is free again
        Assert.Equal(new BlockStoreUsage(1, 10_000), _accounting.Usage);
    }

    [Fact]
    public void Write_WhenTheWindowMarkerCannotBeWritten_Throws_WritesNothing_AndLeavesTheWindowCountRight()
    {
        using var handleFile = File.Create(_folder.Combine("handle"));
        var markerFolder = _folder.Combine("marker");
        var window = new UnflushedWindow(Path.Combine(markerFolder, "unflushed-since"), handleFile.SafeFileHandle);
        var writer = NewWriter(window);
        var block = Block.Create(MulticodecCode.Raw, TestData.Random(1000, 4));

        Assert.Throws<DirectoryNotFoundException>(() => writer.Write(block, _layout.PathOf(block.Cid)));
        Assert.False(File.Exists(_layout.PathOf(block.Cid)));
        Assert.Empty(Directory.GetFiles(_layout.TemporaryPath));
        Assert.Equal(new BlockStoreUsage(0, 0), _accounting.Usage);

        // The failed write never entered the window, so it must not leave it either: a write now in flight still
        // holds the window open through a flush.
        Directory.CreateDirectory(markerFolder);
        window.BeginWrite();
        window.Flush();
        Assert.True(File.Exists(Path.Combine(markerFolder, "unflushed-since")));
    }

    [Fact]
    public void Remove_OfAMissingFile_ReturnsFalse_AndCountsNothing()
    {
        var writer = NewWriter();
        _accounting.Reset(1, 100);

        Assert.False(writer.Remove(_layout.PathOf(Block.Create(MulticodecCode.Raw, new byte[] { 1 }).Cid)));

        Assert.Equal(new BlockStoreUsage(1, 100), _accounting.Usage);
    }

    private BlockFileWriter NewWriter(UnflushedWindow? window = null) =>
        new(_layout, _accounting, window, new BlockFileRecycler(1024 * 1024), fsyncEachBlock: false);
}
