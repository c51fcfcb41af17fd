using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Car;
using DePinGpu.Ipfs.Tests.Bitswap.Support;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;

namespace DePinGpu.Ipfs.Tests.UnixFs.Hamt;

/// <summary>A sharded directory travels whole by Bitswap session and by CAR: every shard node and every entry arrives.</summary>
public sealed class HamtTransferTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task BitswapSession_FetchesEveryShardAndEntry()
    {
        await using var hub = new MemoryBitswapHub();
        await using var holder = await BitswapTestNode.StartAsync(hub);
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        HamtTrees.CreateAroundThreshold(_folder.Combine("sharded"), 29);
        var imported = await new UnixFsImporter().ImportAsync(_folder.Combine("sharded"), holder.Blocks);
        hub.Connect(holder.Endpoint, fetcher.Endpoint);

        var result = await fetcher.Node.FetchAsync(imported.Cid);

        Assert.True(result.IsComplete);
        var entries = await new UnixFsExporter(fetcher.Blocks).ListDirectoryAsync(imported.Cid).ToListAsync();
        Assert.Equal(HamtTrees.RegularEntries + 1, entries.Count);
        Assert.Equal(Directory.GetFiles(_folder.Combine("sharded")).Select(Path.GetFileName).Order(StringComparer.Ordinal), entries.Select(entry => entry.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CarExport_ThenImport_ExportsTheSameTree()
    {
        HamtTrees.CreateNested(_folder.Combine("nested"));
        var source = new MemoryBlockStore();
        var imported = await new UnixFsImporter().ImportAsync(_folder.Combine("nested"), source);
        using var car = new MemoryStream();
        var written = await CarExporter.ExportAsync(source, imported.Cid, car);
        car.Position = 0;
        var target = new MemoryBlockStore();

        var read = await CarImporter.ImportAsync(car, target);
        await new UnixFsExporter(target).ExportAsync(imported.Cid, _folder.Combine("out"));

        Assert.Equal(written.BlockCount, read.BlockCount);
        Assert.Equal(
            Directory.GetFiles(_folder.Combine("nested"), "*", SearchOption.AllDirectories).Length,
            Directory.GetFiles(_folder.Combine("out"), "*", SearchOption.AllDirectories).Length);
    }
}
