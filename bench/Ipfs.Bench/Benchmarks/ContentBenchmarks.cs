using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Car;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Bench.Benchmarks;

/// <summary>Import, export and CAR export of one file against the file-system block store.</summary>
internal sealed class ContentBenchmarks
{
    private readonly BenchFiles _files;
    private readonly string _input;

    public ContentBenchmarks(BenchFiles files, string input)
    {
        _files = files;
        _input = input;
    }

    public string StorePath => _files.PathOf("store");

    /// <summary>Best import time into a fresh store (Batched fsync policy: no flush inside the timing) and the CID.</summary>
    public async Task<(TimeSpan Best, Cid Cid)> ImportAsync(int runs)
    {
        Cid? cid = null;
        var best = await Measure.BestOfAsync(runs, async () =>
        {
            using var store = await FileSystemBlockStore.OpenAsync(new BlockStoreOptions { RootPath = StorePath });
            cid = (await new UnixFsImporter().ImportAsync(_input, store)).Cid;
        }, between: () => Task.Run(DeleteStore));
        return (best, cid!);
    }

    /// <summary>Time of one durable flush (syncfs) after an import into a fresh store.</summary>
    public async Task<TimeSpan> FlushAfterImportAsync()
    {
        DeleteStore();
        using var store = await FileSystemBlockStore.OpenAsync(new BlockStoreOptions { RootPath = StorePath });
        await new UnixFsImporter().ImportAsync(_input, store);
        return await Measure.TimeAsync(async () => await store.FlushAsync());
    }

    /// <summary>Best time to read and verify every block of the file and write its bytes to a null stream.</summary>
    public async Task<TimeSpan> ExportToNullAsync(Cid cid, int runs)
    {
        using var store = await FileSystemBlockStore.OpenAsync(new BlockStoreOptions { RootPath = StorePath });
        var exporter = new UnixFsExporter(store);
        return await Measure.BestOfAsync(runs, () => exporter.WriteFileAsync(cid, Stream.Null));
    }

    /// <summary>Best time to export the file (verified) to a new file on disk.</summary>
    public async Task<TimeSpan> ExportToDiskAsync(Cid cid, int runs)
    {
        using var store = await FileSystemBlockStore.OpenAsync(new BlockStoreOptions { RootPath = StorePath });
        var exporter = new UnixFsExporter(store);
        var output = _files.PathOf("exported.bin");
        return await Measure.BestOfAsync(runs, () => exporter.ExportAsync(cid, output), between: () => Task.Run(() => File.Delete(output)));
    }

    /// <summary>Best time to write the file's DAG as a CAR (verified blocks) to a null stream.</summary>
    public async Task<TimeSpan> CarExportAsync(Cid cid, int runs)
    {
        using var store = await FileSystemBlockStore.OpenAsync(new BlockStoreOptions { RootPath = StorePath });
        return await Measure.BestOfAsync(runs, () => CarExporter.ExportAsync(store, cid, Stream.Null));
    }

    private void DeleteStore()
    {
        if (Directory.Exists(StorePath))
        {
            Directory.Delete(StorePath, recursive: true);
        }
    }
}
