using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.DagPb;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.UnixFs;

public sealed class UnixFsExporterTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(0UL, null)]
    [InlineData(0UL, 1UL)]
    [InlineData(262143UL, 2UL)]
    [InlineData(262144UL, 262144UL)]
    [InlineData(1000000UL, 100000UL)]
    [InlineData(1048575UL, 10UL)]
    [InlineData(1048576UL, 10UL)]
    public async Task WriteFile_Range_ReturnsExactlyThoseBytes(ulong offset, ulong? length)
    {
        var content = TestData.Pattern(TestData.MiB);
        var store = new MemoryBlockStore();
        var result = await new UnixFsImporter().ImportBytesAsync(content, store);
        using var output = new MemoryStream();

        var written = await new UnixFsExporter(store).WriteFileAsync(result.Cid, output, offset, length);

        var from = (int)Math.Min(offset, (ulong)content.Length);
        var to = (int)Math.Min((ulong)content.Length, length is { } count ? offset + count : ulong.MaxValue);
        Assert.Equal(content[from..to], output.ToArray());
        Assert.Equal((ulong)(to - from), written);
    }

    [Fact]
    public async Task WriteFile_Range_ReadsOnlyTheBlocksItNeeds()
    {
        var store = new MemoryBlockStore();
        var result = await new UnixFsImporter().ImportBytesAsync(TestData.Random(4 * TestData.Chunk, 3), store);
        var root = DagPbDecoder.Decode((await store.GetAsync(result.Cid))!);
        await store.DeleteAsync(root.Links[0].Hash);

        using var output = new MemoryStream();
        await new UnixFsExporter(store).WriteFileAsync(result.Cid, output, TestData.Chunk, 10);

        Assert.Equal(10, output.Length);
    }

    [Fact]
    public async Task Export_FlippedByteInStoredBlock_IsDetectedNamingTheCid()
    {
        using var store = await FileSystemBlockStore.OpenAsync(new BlockStoreOptions { RootPath = _folder.Combine("store") });
        var result = await new UnixFsImporter().ImportBytesAsync(TestData.Random(3 * TestData.Chunk, 5), store);
        var leaf = DagPbDecoder.Decode((await store.GetAsync(result.Cid))!).Links[1].Hash;
        var name = leaf.ToString();
        var path = _folder.Combine("store", "blocks", name[^3..^1], name);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[12345] ^= 0x40;
        await File.WriteAllBytesAsync(path, bytes);

        var exception = await Assert.ThrowsAsync<CorruptBlockException>(() =>
            new UnixFsExporter(store).ExportAsync(result.Cid, _folder.Combine("out.bin")));

        Assert.Equal(leaf, exception.Cid);
        Assert.Contains(name, exception.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.Combine("out.bin")));
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path, "out.bin*"));
    }

    [Fact]
    public async Task Export_MissingBlock_IsAClearErrorNamingTheCid()
    {
        var store = new MemoryBlockStore();
        var root = CreateTree();
        var result = await new UnixFsImporter().ImportAsync(root, store);
        var missing = (await new UnixFsExporter(store).ListDirectoryAsync(result.Cid).ToListAsync()).Single(e => e.Name == "big.bin").Cid;
        await store.DeleteAsync(missing);

        var exception = await Assert.ThrowsAsync<BlockNotFoundException>(() => new UnixFsExporter(store).ExportAsync(result.Cid, _folder.Combine("out")));

        Assert.Equal(missing, exception.Cid);
        Assert.False(Directory.Exists(_folder.Combine("out")));
    }

    [Fact]
    public async Task Export_DirectoryTree_RecreatesEveryFile()
    {
        var store = new MemoryBlockStore();
        var root = CreateTree();
        var result = await new UnixFsImporter().ImportAsync(root, store);

        var exported = await new UnixFsExporter(store).ExportAsync(result.Cid, _folder.Combine("copy"));

        Assert.Equal(result.ContentSize, exported.ContentSize);
        Assert.Equal(3, exported.FileCount);
        Assert.Equal(3, exported.DirectoryCount);
        AssertSameTree(root, _folder.Combine("copy"));
        Assert.Equal(result.Cid, (await new UnixFsImporter().ImportAsync(_folder.Combine("copy"), new MemoryBlockStore())).Cid);
    }

    [Fact]
    public async Task Export_ToExistingPath_IsRefused()
    {
        var store = new MemoryBlockStore();
        var result = await new UnixFsImporter().ImportBytesAsync(TestData.Hello, store);
        await File.WriteAllTextAsync(_folder.Combine("exists"), "keep");

        await Assert.ThrowsAsync<IOException>(() => new UnixFsExporter(store).ExportAsync(result.Cid, _folder.Combine("exists")));
        Assert.Equal("keep", await File.ReadAllTextAsync(_folder.Combine("exists")));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task Export_DirectoryWithUnsafeName_IsRejected(string name)
    {
        var store = new MemoryBlockStore();
        var file = Block.Create(MulticodecCode.Raw, "x"u8.ToArray());
        await store.PutAsync(file);
        var directory = Block.Create(MulticodecCode.DagPb, DagPbEncoder.Encode(new PbNode(
            [new PbLink(file.Cid, name, 1)], UnixFsDataCodec.Encode(UnixFsData.Directory))));
        await store.PutAsync(directory);

        var exception = await Assert.ThrowsAsync<InvalidDataException>(() => new UnixFsExporter(store).ExportAsync(directory.Cid, _folder.Combine("evil")));

        Assert.Contains(directory.Cid.ToString(), exception.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.Combine("evil")));
    }

    [Fact]
    public async Task WriteFile_ChildLyingAboutItsSize_IsRejected()
    {
        var store = new MemoryBlockStore();
        var leaf = Block.Create(MulticodecCode.Raw, new byte[100]);
        await store.PutAsync(leaf);
        var data = UnixFsDataCodec.Encode(new UnixFsData { Type = UnixFsType.File, FileSize = 200, BlockSizes = [200] });
        var root = Block.Create(MulticodecCode.DagPb, DagPbEncoder.Encode(new PbNode([new PbLink(leaf.Cid, "", 100)], data)));
        await store.PutAsync(root);

        var exception = await Assert.ThrowsAsync<InvalidDataException>(() => new UnixFsExporter(store).WriteFileAsync(root.Cid, Stream.Null));

        Assert.Contains(leaf.Cid.ToString(), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stat_ReportsTypeAndSize()
    {
        var store = new MemoryBlockStore();
        var file = await new UnixFsImporter().ImportBytesAsync(TestData.Pattern(TestData.MiB), store);
        var small = await new UnixFsImporter().ImportBytesAsync(TestData.Hello, store);
        var directory = await new UnixFsImporter().ImportAsync(CreateTree(), store);
        var exporter = new UnixFsExporter(store);

        Assert.Equal(new UnixFsStat(file.Cid, UnixFsType.File, (ulong)TestData.MiB, null), await exporter.StatAsync(file.Cid));
        Assert.Equal(new UnixFsStat(small.Cid, UnixFsType.File, 12, null), await exporter.StatAsync(small.Cid));
        Assert.Equal(UnixFsType.Directory, (await exporter.StatAsync(directory.Cid)).Type);
    }

    private string CreateTree()
    {
        var root = _folder.Combine("tree");
        Directory.CreateDirectory(Path.Combine(root, "sub", "deeper"));
        File.WriteAllText(Path.Combine(root, "a.txt"), "alpha");
        File.WriteAllBytes(Path.Combine(root, "big.bin"), TestData.Random(600_000, 11));
        File.WriteAllBytes(Path.Combine(root, "sub", "deeper", "c.bin"), TestData.Random(1000, 12));
        return root;
    }

    private static void AssertSameTree(string expected, string actual)
    {
        var expectedFiles = Directory.GetFileSystemEntries(expected, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(expected, p)).Order().ToArray();
        var actualFiles = Directory.GetFileSystemEntries(actual, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(actual, p)).Order().ToArray();
        Assert.Equal(expectedFiles, actualFiles);
        foreach (var file in expectedFiles.Where(f => File.Exists(Path.Combine(expected, f))))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(expected, file)), File.ReadAllBytes(Path.Combine(actual, file)));
        }
    }
}
