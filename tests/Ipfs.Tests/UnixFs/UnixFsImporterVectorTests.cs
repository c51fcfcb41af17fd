using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.DagPb;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.UnixFs;

/// <summary>The reference vectors of ipfs-formats.md (Kubo <c>ipfs add --cid-version=1 --raw-leaves</c>).</summary>
public sealed class UnixFsImporterVectorTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();
    private readonly UnixFsImporter _importer = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("hello world\n", "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4")]
    [InlineData("hello world", "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e")]
    [InlineData("a", "bafkreigks6arfsq3xxfpvqrrwonchxcnu6do76auprhhfomao6c273sixm")]
    [InlineData("", "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku")]
    public async Task ImportBytes_SingleChunk_IsTheRawLeaf(string text, string expected)
    {
        var store = new MemoryBlockStore();

        var result = await _importer.ImportBytesAsync(System.Text.Encoding.UTF8.GetBytes(text), store);

        Assert.Equal(expected, result.Cid.ToString());
        Assert.Equal((ulong)text.Length, result.ContentSize);
        Assert.Equal((ulong)text.Length, result.CumulativeSize);
        Assert.Equal(1, store.GetUsage().BlockCount);
    }

    [Fact]
    public async Task ImportBytes_PatternOneMiB_MatchesKuboRootBlock()
    {
        var store = new MemoryBlockStore();

        var result = await _importer.ImportBytesAsync(TestData.Pattern(TestData.MiB), store);

        Assert.Equal("bafybeiedpcapwld4tkgtzwahfofgn4wex5ryysf4se6hwpmlrsh4ntnrau", result.Cid.ToString());
        Assert.Equal(1048784UL, result.CumulativeSize);
        Assert.Equal(208, await store.GetSizeAsync(result.Cid));
        Assert.Equal(new BlockStoreUsage(5, TestData.MiB + 208), store.GetUsage());
    }

    [Fact]
    public async Task ImportFileAndStream_GiveTheSameCidAsBytes()
    {
        var content = TestData.Random(3 * TestData.Chunk + 17, 42);
        var path = _folder.Combine("file.bin");
        await File.WriteAllBytesAsync(path, content);

        var fromBytes = await _importer.ImportBytesAsync(content, new MemoryBlockStore());
        var fromFile = await _importer.ImportAsync(path, new MemoryBlockStore());
        var fromStream = await _importer.ImportStreamAsync(new MemoryStream(content), new MemoryBlockStore());

        Assert.Equal(fromBytes, fromFile);
        Assert.Equal(fromBytes, fromStream);
    }

    [Fact]
    public async Task ImportDirectory_TwoEntries_MatchesKuboDirectory()
    {
        var root = _folder.Combine("d");
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, "b.bin"), string.Empty);
        await File.WriteAllBytesAsync(Path.Combine(root, "b.bin"), TestData.Pattern(TestData.MiB));
        await File.WriteAllTextAsync(Path.Combine(root, "a.txt"), "a");
        var store = new MemoryBlockStore();

        var result = await _importer.ImportAsync(root, store);

        Assert.Equal("bafybeic2agteiehsmj3f52e75ebhuyzu3f6iam3gzedi6pampfplpst2me", result.Cid.ToString());
        Assert.Equal(104, await store.GetSizeAsync(result.Cid));
        Assert.Equal((ulong)TestData.MiB + 1, result.ContentSize);
        Assert.Equal(104UL + 1 + 1048784, result.CumulativeSize);
    }

    [Fact]
    public async Task ImportDirectory_Empty_MatchesKuboEmptyDirectory()
    {
        Directory.CreateDirectory(_folder.Combine("empty"));

        var result = await _importer.ImportAsync(_folder.Combine("empty"), new MemoryBlockStore());

        Assert.Equal("bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354", result.Cid.ToString());
    }

    [Fact]
    public async Task DirectoryBuilder_WrappingHello_MatchesIpfsAddW()
    {
        var store = new MemoryBlockStore();
        var hello = await _importer.ImportBytesAsync(TestData.Hello, store);
        var wrapper = new UnixFsDirectoryBuilder();
        wrapper.Add("hello.txt", hello.Cid, hello.CumulativeSize);

        var (block, _) = wrapper.Build();

        Assert.Equal("bafybeidhkumeonuwkebh2i4fc7o7lguehauradvlk57gzake6ggjsy372a", block.Cid.ToString());
        Assert.Equal(57, block.Data.Length);
    }

    [Theory]
    [InlineData(1, new int[0])]
    [InlineData(4, new[] { 4 })]
    [InlineData(5, new[] { 2, 4, 1 })]
    [InlineData(16, new[] { 4, 4, 4, 4, 4 })]
    [InlineData(17, new[] { 2, 4, 4, 4, 4, 4, 1, 1 })]
    public async Task Import_BalancedLayout_GroupsLeavesInRunsBottomUp(int chunks, int[] expectedLinkCountsDepthFirst)
    {
        var importer = new UnixFsImporter(new ImportOptions { ChunkSize = 1024, MaxLinksPerNode = 4 });
        var store = new MemoryBlockStore();

        var result = await importer.ImportBytesAsync(TestData.Random(chunks * 1024, chunks), store);

        var counts = new List<int>();
        var leafDepths = new HashSet<int>();
        await CollectShapeAsync(store, result.Cid, 0, counts, leafDepths);
        Assert.Equal(expectedLinkCountsDepthFirst, counts);
        Assert.Single(leafDepths);
        Assert.Equal((ulong)chunks * 1024, result.ContentSize);
    }

    private static async Task CollectShapeAsync(IBlockStore store, Cid cid, int depth, List<int> counts, HashSet<int> leafDepths)
    {
        if (cid.Codec == MulticodecCode.Raw)
        {
            leafDepths.Add(depth);
            return;
        }

        var node = DagPbDecoder.Decode((await store.GetAsync(cid))!);
        counts.Add(node.Links.Count);
        foreach (var link in node.Links)
        {
            Assert.Equal(string.Empty, link.Name);
            await CollectShapeAsync(store, link.Hash, depth + 1, counts, leafDepths);
        }
    }
}
