using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Car;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;

namespace DePinGpu.Ipfs.Tests.Car;

public sealed class CarImporterTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ExportThenImport_IntoAnotherStore_PinsTheRootAndReproducesTheFile()
    {
        var source = new MemoryBlockStore();
        var content = TestData.Random(5 * TestData.Chunk + 3, 4);
        var imported = await new UnixFsImporter().ImportBytesAsync(content, source);
        using var car = new MemoryStream();
        await CarExporter.ExportAsync(source, imported.Cid, car);
        car.Position = 0;
        using var target = await ContentStore.OpenAsync(new BlockStoreOptions { RootPath = _folder.Combine("repo") });

        CarImportResult result;
        await using (var session = target.BeginSession())
        {
            result = await CarImporter.ImportAsync(car, session, new CarImportOptions { PinName = "from car" });
        }

        var root = Assert.Single(result.Roots);
        Assert.True(root.Pinned);
        Assert.Equal(imported.BlockCount, result.BlockCount);
        Assert.Equal(car.Length, result.ByteCount);
        Assert.Equal("from car", (await target.GetPinAsync(imported.Cid))!.Name);
        Assert.Equal(0, (await target.CollectGarbageAsync()).RemovedBlocks);
        using var output = new MemoryStream();
        await new UnixFsExporter(target.Blocks).WriteFileAsync(imported.Cid, output);
        Assert.Equal(content, output.ToArray());
    }

    [Fact]
    public async Task Import_TruncatedCar_IsRejectedAndPinsNothing()
    {
        var source = new MemoryBlockStore();
        var imported = await new UnixFsImporter().ImportBytesAsync(TestData.Random(3 * TestData.Chunk, 5), source);
        using var car = new MemoryStream();
        await CarExporter.ExportAsync(source, imported.Cid, car);
        var truncated = car.ToArray()[..(int)(car.Length - 1000)];
        using var target = await ContentStore.OpenAsync(new BlockStoreOptions { RootPath = _folder.Combine("repo") });

        await using (var session = target.BeginSession())
        {
            var exception = await Assert.ThrowsAsync<CarFormatException>(() => CarImporter.ImportAsync(new MemoryStream(truncated), session));
            Assert.Contains("truncated", exception.Message, StringComparison.Ordinal);
        }

        Assert.Empty(await target.ListPinsAsync());
        var gc = await target.CollectGarbageAsync();
        Assert.Equal(0, target.Blocks.GetUsage().BlockCount);
        Assert.True(gc.RemovedBlocks > 0);
    }

    [Fact]
    public async Task Import_CarMissingABlock_ReportsTheRootUnpinned()
    {
        var source = new MemoryBlockStore();
        var imported = await new UnixFsImporter().ImportBytesAsync(TestData.Random(3 * TestData.Chunk, 6), source);
        using var car = new MemoryStream();
        var writer = await CarWriter.CreateAsync(car, [imported.Cid]);
        var skipped = false;
        await foreach (var block in Dag.DagWalker.WalkAsync(source, imported.Cid))
        {
            using (block)
            {
                if (block.Depth == 1 && !skipped)
                {
                    skipped = true;
                    continue;
                }

                await writer.WriteBlockAsync(block.Cid, block.Data);
            }
        }

        car.Position = 0;
        using var target = await ContentStore.OpenAsync(new BlockStoreOptions { RootPath = _folder.Combine("repo") });
        await using var session = target.BeginSession();

        var result = await CarImporter.ImportAsync(car, session);

        var root = Assert.Single(result.Roots);
        Assert.False(root.Pinned);
        Assert.Contains("not in the block store", root.PinError, StringComparison.Ordinal);
        Assert.Null(await target.GetPinAsync(imported.Cid));
    }
}
