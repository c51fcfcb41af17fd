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
    private int _stores;
    private int _plainFolders;

    public ContentBenchmarks(BenchFiles files, string input)
    {
        _files = files;
        _input = input;
    }

    /// <summary>The latest store (the one exports read).</summary>
    public string StorePath => _files.PathOf($"store-{_stores}");

    /// <summary>
    /// One import into a fresh file-system store. The timing stops when the import returns: the Batched fsync policy makes
    /// blocks durable at the session's commit (measured separately by <see cref="FlushAfterImportAsync"/>), and closing
    /// the store flushes outside the timing.
    /// Each run gets a new folder and nothing is deleted until the benchmark ends (see <see cref="NewStorePath"/>).
    /// </summary>
    public async Task<(Sample Time, Cid Cid)> ImportToStoreAsync()
    {
        NewStorePath();
        using var store = await FileSystemBlockStore.OpenAsync(new BlockStoreOptions { RootPath = StorePath });
        Cid? cid = null;
        var time = await Measure.TimeAsync(async () => cid = (await new UnixFsImporter().ImportAsync(_input, store)).Cid);
        return (time, cid!);
    }

    /// <summary>
    /// The same bytes written as new 256 KiB files with no hashing and no CIDs, by <paramref name="writers"/> threads at
    /// once: what this machine charges for creating the files a block store must create (the import's other physical
    /// limit). With a writer per core it bounds any import into a new store from above.
    /// </summary>
    public async Task<Sample> WriteNewFilesAsync(int writers)
    {
        // A new folder per run, kept until the end, for the same reason as the stores (see NewStorePath).
        var folder = _files.PathOf($"plain-files-{++_plainFolders}");
        Directory.CreateDirectory(folder);
        var chunks = (int)((new FileInfo(_input).Length + 262143) / 262144);
        return await Measure.TimeAsync(() => Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(() =>
        {
            var buffer = new byte[262144];
            using var input = File.OpenHandle(_input, FileMode.Open, FileAccess.Read, FileShare.Read);
            for (var index = writer; index < chunks; index += writers)
            {
                var read = RandomAccess.Read(input, buffer, index * 262144L);
                var name = Path.Combine(folder, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                using var file = File.OpenHandle(name, FileMode.CreateNew, FileAccess.Write);
                RandomAccess.Write(file, buffer.AsSpan(0, read), 0);
            }
        }))));
    }

    /// <summary>One import into a <see cref="MemoryBlockStore"/> (what the Helia baseline does).</summary>
    public async Task<Sample> ImportToMemoryAsync()
    {
        var store = new MemoryBlockStore();
        var time = await Measure.TimeAsync(() => new UnixFsImporter().ImportAsync(_input, store));
        GC.Collect();
        return time;
    }

    /// <summary>Time of one durable flush (syncfs) after an import into a fresh store.</summary>
    public async Task<Sample> FlushAfterImportAsync()
    {
        NewStorePath();
        using var store = await FileSystemBlockStore.OpenAsync(new BlockStoreOptions { RootPath = StorePath });
        await new UnixFsImporter().ImportAsync(_input, store);
        return await Measure.TimeAsync(async () => await store.FlushAsync());
    }

    /// <summary>Best time to read and verify every block of the file and write its bytes to a null stream.</summary>
    public async Task<Sample> ExportToNullAsync(Cid cid, int runs)
    {
        using var store = await FileSystemBlockStore.OpenAsync(new BlockStoreOptions { RootPath = StorePath });
        var exporter = new UnixFsExporter(store);
        return await Measure.BestOfAsync(runs, () => exporter.WriteFileAsync(cid, Stream.Null));
    }

    /// <summary>Best time to export the file (verified) to a new file on disk.</summary>
    public async Task<Sample> ExportToDiskAsync(Cid cid, int runs)
    {
        using var store = await FileSystemBlockStore.OpenAsync(new BlockStoreOptions { RootPath = StorePath });
        var exporter = new UnixFsExporter(store);
        var output = _files.PathOf("exported.bin");
        return await Measure.BestOfAsync(runs, () => exporter.ExportAsync(cid, output), between: () => Task.Run(() => File.Delete(output)));
    }

    /// <summary>Best time to write the file's DAG as a CAR (verified blocks) to a null stream.</summary>
    public async Task<Sample> CarExportAsync(Cid cid, int runs)
    {
        using var store = await FileSystemBlockStore.OpenAsync(new BlockStoreOptions { RootPath = StorePath });
        return await Measure.BestOfAsync(runs, () => CarExporter.ExportAsync(store, cid, Stream.Null));
    }

    /// <summary>
    /// Moves on to a new, empty store folder. The previous store is not deleted here: on ext4 without a journal (this
    /// benchmark's VM disk) the kernel avoids reusing inodes freed in the last minutes, and skips them one by one on every
    /// create — deleting the last run's thousands of block files right before an import made each new block file cost
    /// ~1 ms of kernel CPU, measuring the deletion rather than the import. BenchFiles removes everything at the end.
    /// </summary>
    private void NewStorePath() => _stores++;
}
