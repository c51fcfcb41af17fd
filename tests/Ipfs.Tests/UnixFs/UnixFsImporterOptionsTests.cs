using System.Diagnostics;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;

namespace DePinGpu.Ipfs.Tests.UnixFs;

public sealed class UnixFsImporterOptionsTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task HiddenEntries_AreIncludedByDefault_AndSkippedWhenAsked()
    {
        var root = CreateTree(("visible.txt", "v"), (".hidden", "h"));
        var withHidden = await new UnixFsImporter().ImportAsync(root, new MemoryBlockStore());
        var withoutHidden = await new UnixFsImporter(new ImportOptions { IncludeHidden = false }).ImportAsync(root, new MemoryBlockStore());
        var onlyVisible = await new UnixFsImporter().ImportAsync(CreateTree(("visible.txt", "v")), new MemoryBlockStore());

        Assert.NotEqual(withHidden.Cid, withoutHidden.Cid);
        Assert.Equal(onlyVisible.Cid, withoutHidden.Cid);
    }

    [Fact]
    public async Task Symlink_IsRefusedByDefault_NamingThePath()
    {
        var root = CreateTree(("target.txt", "t"));
        File.CreateSymbolicLink(Path.Combine(root, "link"), "target.txt");

        var exception = await Assert.ThrowsAsync<ImportRefusedException>(() => new UnixFsImporter().ImportAsync(root, new MemoryBlockStore()));

        Assert.Equal(Path.Combine(root, "link"), exception.Path);
        Assert.Contains("symbolic link", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Symlink_Skip_LeavesItOut()
    {
        var root = CreateTree(("target.txt", "t"));
        var expected = await new UnixFsImporter().ImportAsync(root, new MemoryBlockStore());
        File.CreateSymbolicLink(Path.Combine(root, "link"), "/etc/passwd");

        var result = await new UnixFsImporter(new ImportOptions { Symlinks = SymlinkPolicy.Skip }).ImportAsync(root, new MemoryBlockStore());

        Assert.Equal(expected.Cid, result.Cid);
    }

    [Fact]
    public async Task Symlink_Preserve_StoresTargetAndExportRecreatesIt()
    {
        var root = CreateTree(("target.txt", "t"));
        File.CreateSymbolicLink(Path.Combine(root, "link"), "target.txt");
        var store = new MemoryBlockStore();

        var result = await new UnixFsImporter(new ImportOptions { Symlinks = SymlinkPolicy.Preserve }).ImportAsync(root, store);
        var exported = _folder.Combine("out");
        await new UnixFsExporter(store, new ExportOptions { Symlinks = SymlinkPolicy.Preserve }).ExportAsync(result.Cid, exported);

        Assert.Equal("target.txt", new FileInfo(Path.Combine(exported, "link")).LinkTarget);
        await Assert.ThrowsAsync<IOException>(() => new UnixFsExporter(store).ExportAsync(result.Cid, _folder.Combine("refused")));
        Assert.False(Directory.Exists(_folder.Combine("refused")));
    }

    [Fact]
    public async Task Directory_PastKuboHamtThreshold_IsSharded_AtTheThresholdStaysOneNode()
    {
        // Σ(6-byte name + 36-byte CID): 6241 entries = 262122 bytes (kept), 6242 = 262164 > 262144 (Kubo shards).
        var root = _folder.Combine("big");
        Directory.CreateDirectory(root);
        for (var index = 0; index < 6241; index++)
        {
            File.Create(Path.Combine(root, index.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))).Dispose();
        }

        var flatStore = new MemoryBlockStore();
        var flat = await new UnixFsImporter().ImportAsync(root, flatStore);
        File.Create(Path.Combine(root, "006241")).Dispose();
        var shardedStore = new MemoryBlockStore();
        var sharded = await new UnixFsImporter().ImportAsync(root, shardedStore);

        Assert.Equal(UnixFsType.Directory, (await new UnixFsExporter(flatStore).StatAsync(flat.Cid)).Type);
        Assert.Equal(UnixFsType.HamtShard, (await new UnixFsExporter(shardedStore).StatAsync(sharded.Cid)).Type);
        Assert.Equal(0UL, sharded.ContentSize);
        Assert.True(sharded.BlockCount > 2, "a sharded directory is stored as several shard nodes");
    }

    [Fact]
    public async Task Fifo_IsRefusedWithoutBlocking()
    {
        var root = CreateTree(("ok.txt", "x"));
        using (var mkfifo = Process.Start("mkfifo", Path.Combine(root, "pipe")))
        {
            await mkfifo.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var exception = await Assert.ThrowsAsync<ImportRefusedException>(() => new UnixFsImporter().ImportAsync(root, new MemoryBlockStore(), timeout.Token));

        Assert.Contains("not a regular file", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/null")]
    public async Task DeviceNode_IsRefused(string device)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var exception = await Assert.ThrowsAsync<ImportRefusedException>(() => new UnixFsImporter().ImportAsync(device, new MemoryBlockStore(), timeout.Token));

        Assert.Equal(device, exception.Path);
    }

    [Fact]
    public async Task Import_StoreFails_PropagatesTheErrorAndStopsThePipeline()
    {
        var content = TestData.Random(40 * 1024, 9);
        var importer = new UnixFsImporter(new ImportOptions { ChunkSize = 1024, Parallelism = 2 });
        var store = await FileSystemBlockStore.OpenAsync(new BlockStoreOptions { RootPath = _folder.Combine("store"), CapacityBytes = 8 * 1024 });
        using (store)
        {
            await Assert.ThrowsAsync<BlockStoreFullException>(() => importer.ImportBytesAsync(content, store));
        }
    }

    [Fact]
    public async Task Import_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new UnixFsImporter().ImportBytesAsync(TestData.Random(3 * TestData.Chunk, 1), new MemoryBlockStore(), cancelled.Token));
    }

    [Fact]
    public void Options_Invalid_AreRejectedWithTheSettingNamed()
    {
        var exception = Assert.Throws<ArgumentException>(() => new UnixFsImporter(new ImportOptions { ChunkSize = 10, MaxLinksPerNode = 1 }));

        Assert.Contains("ChunkSize", exception.Message, StringComparison.Ordinal);
        Assert.Contains("MaxLinksPerNode", exception.Message, StringComparison.Ordinal);
    }

    private string CreateTree(params (string Name, string Content)[] files)
    {
        var root = _folder.Combine(Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(root);
        foreach (var (name, content) in files)
        {
            File.WriteAllText(Path.Combine(root, name), content);
        }

        return root;
    }
}
