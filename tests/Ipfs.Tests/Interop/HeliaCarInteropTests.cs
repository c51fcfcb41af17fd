using System.Text.Json;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Car;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.TestSupport;

namespace DePinGpu.Ipfs.Tests.Interop;

/// <summary>CARs we write parse and verify with @ipld/car; CARs @ipld/car writes import and verify with ours.</summary>
public sealed class HeliaCarInteropTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task OurCar_IsReadAndVerifiedByIpldCar()
    {
        var store = new MemoryBlockStore();
        var tree = _folder.Combine("tree");
        Directory.CreateDirectory(Path.Combine(tree, "sub"));
        await File.WriteAllBytesAsync(Path.Combine(tree, "big.bin"), TestData.Random((3 * TestData.Chunk) + 11, 1));
        await File.WriteAllBytesAsync(Path.Combine(tree, "sub", "same.bin"), TestData.Random((3 * TestData.Chunk) + 11, 1));
        await File.WriteAllTextAsync(Path.Combine(tree, "a.txt"), "a");
        var imported = await new UnixFsImporter().ImportAsync(tree, store);
        var carPath = _folder.Combine("ours.car");
        CarExportResult exported;
        await using (var file = File.Create(carPath))
        {
            exported = await CarExporter.ExportAsync(store, imported.Cid, file);
        }

        var report = await RunAsync("read", carPath);

        Assert.Equal(imported.Cid.ToString(), report.GetProperty("roots")[0].GetString());
        Assert.Equal(exported.BlockCount, report.GetProperty("blocks").GetInt64());
        Assert.Equal(store.GetUsage().BlockCount, exported.BlockCount);
    }

    [Fact]
    public async Task IpldCarWrittenByHelia_ImportsVerifiesPinsAndExportsTheSameBytes()
    {
        var content = TestData.Random((5 * TestData.Chunk) + 123, 2);
        var input = _folder.Combine("input.bin");
        await File.WriteAllBytesAsync(input, content);
        var carPath = _folder.Combine("helia.car");
        var written = await RunAsync("write", input, carPath);
        using var store = await ContentStore.OpenAsync(new BlockStoreOptions { RootPath = _folder.Combine("repo") });

        CarImportResult result;
        await using (var session = store.BeginSession())
        await using (var car = File.OpenRead(carPath))
        {
            result = await CarImporter.ImportAsync(car, session);
        }

        var root = Assert.Single(result.Roots);
        Assert.Equal(written.GetProperty("root").GetString(), root.Cid.ToString());
        Assert.True(root.Pinned);
        Assert.Equal(written.GetProperty("blocks").GetInt64(), result.BlockCount);
        using var output = new MemoryStream();
        await new UnixFsExporter(store.Blocks).WriteFileAsync(root.Cid, output);
        Assert.Equal(content, output.ToArray());
    }

    private static async Task<JsonElement> RunAsync(params string[] arguments)
    {
        await using var node = ExternalProcess.StartNodeScript("helia-car.mjs", arguments);
        var line = await node.ReadLineAsync(TimeSpan.FromMinutes(1));
        using var json = JsonDocument.Parse(line);
        return json.RootElement.Clone();
    }
}
