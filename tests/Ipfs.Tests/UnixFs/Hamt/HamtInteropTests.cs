using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;

namespace DePinGpu.Ipfs.Tests.UnixFs.Hamt;

/// <summary>Our HAMT-sharded directories have the CIDs Helia (configured like Kubo) gives, and read back whole.</summary>
public sealed class HamtInteropTests : IClassFixture<HeliaHamtFixture>, IDisposable
{
    private readonly HeliaHamtFixture _fixture;
    private readonly TemporaryDirectory _output = new();

    public HamtInteropTests(HeliaHamtFixture fixture)
    {
        _fixture = fixture;
    }

    public void Dispose() => _output.Dispose();

    [Theory]
    [InlineData(HeliaHamtFixture.AtThreshold, UnixFsType.Directory)]
    [InlineData(HeliaHamtFixture.PastThreshold, UnixFsType.HamtShard)]
    [InlineData(HeliaHamtFixture.Collisions, UnixFsType.HamtShard)]
    [InlineData(HeliaHamtFixture.Nested, UnixFsType.HamtShard)]
    [InlineData(HeliaHamtFixture.Empty, UnixFsType.Directory)]
    public async Task Import_SameCidAsHelia(string tree, UnixFsType rootType)
    {
        var store = new MemoryBlockStore();

        var result = await new UnixFsImporter().ImportAsync(_fixture.PathOf(tree), store);

        Assert.Equal(_fixture.HeliaCidOf(tree), result.Cid.ToString());
        Assert.Equal(rootType, (await new UnixFsExporter(store).StatAsync(result.Cid)).Type);
    }

    [Fact]
    public void EmptyDirectory_IsTheSpecVector()
    {
        Assert.Equal("bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354", _fixture.HeliaCidOf(HeliaHamtFixture.Empty));
    }

    [Theory]
    [InlineData(HeliaHamtFixture.Collisions)]
    [InlineData(HeliaHamtFixture.Nested)]
    public async Task Export_WritesEveryEntryBack(string tree)
    {
        var store = new MemoryBlockStore();
        var source = _fixture.PathOf(tree);
        var imported = await new UnixFsImporter().ImportAsync(source, store);
        var destination = _output.Combine(tree);

        var exported = await new UnixFsExporter(store).ExportAsync(imported.Cid, destination);

        var expected = Directory.GetFiles(source, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(source, path)).Order().ToArray();
        var actual = Directory.GetFiles(destination, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(destination, path)).Order().ToArray();
        Assert.Equal(expected, actual);
        Assert.Equal(expected.Length, exported.FileCount);
        Assert.All(expected, relative => Assert.Equal(File.ReadAllBytes(Path.Combine(source, relative)), File.ReadAllBytes(Path.Combine(destination, relative))));
        Assert.True(Directory.Exists(Path.Combine(destination, "empty")) || tree != HeliaHamtFixture.Nested);
    }

    [Fact]
    public async Task ResolvePath_ThroughNestedShards_FindsTheFile()
    {
        var store = new MemoryBlockStore();
        var nested = await new UnixFsImporter().ImportAsync(_fixture.PathOf(HeliaHamtFixture.Nested), store);
        var name = HamtTrees.RegularName(1234);
        var file = await new UnixFsImporter().ImportAsync(Path.Combine(_fixture.PathOf(HeliaHamtFixture.Nested), "inner", name), new MemoryBlockStore());

        var resolved = await UnixFsPathResolver.ResolveAsync(store, nested.Cid, ["inner", name]);
        var missing = await UnixFsPathResolver.ResolveAsync(store, nested.Cid, ["inner", "no-such-entry"]);

        Assert.Equal(file.Cid, resolved!.Target);
        Assert.Equal(nested.Cid, resolved.Traversed[0]);
        Assert.True(resolved.Traversed.Count >= 4, "two shard levels in each of two sharded folders");
        Assert.Null(missing);
    }

    [Fact]
    public async Task CollidingNames_SitTwoLevelsDown_AndResolve()
    {
        var store = new MemoryBlockStore();
        var imported = await new UnixFsImporter().ImportAsync(_fixture.PathOf(HeliaHamtFixture.Collisions), store);

        foreach (var name in _fixture.CollidingNames)
        {
            var resolved = await UnixFsPathResolver.ResolveAsync(store, imported.Cid, [name]);
            Assert.NotNull(resolved);
            Assert.True(resolved.Traversed.Count >= 3, $"'{name}' shares 16 hash bits with another entry, so it sits below two shard levels");
        }
    }
}
