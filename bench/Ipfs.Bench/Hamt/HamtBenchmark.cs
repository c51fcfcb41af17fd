using System.Globalization;
using DePinGpu.Ipfs.Bench.Benchmarks;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Bench.Hamt;

/// <summary>
/// HAMT-sharded directories next to a flat one of the same total size: the same number of files with the same bytes,
/// named so that one folder stays a single directory node (short names, links-bytes estimate under 256 KiB) and the other
/// passes Kubo's threshold and is sharded (long names). A third folder holds ten times as many smaller files (a deeper
/// HAMT). Each is imported into a memory block store (so file-system block writes do not hide the directory work),
/// listed, and exported to a new folder; best of the runs. Helia imports the same folders for its CIDs and speed.
///   dotnet run -c Release -- hamt [--files 5000] [--file-kib 16] [--runs 3] [--skip-helia]
/// </summary>
internal static class HamtBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var files = Option(args, "--files", 5000);
        var fileBytes = Option(args, "--file-kib", 16) * 1024;
        var runs = Option(args, "--runs", 3);
        var skipHelia = args.Contains("--skip-helia");
        using var scratch = new BenchFiles();
        var total = (long)files * fileBytes;
        Console.WriteLine($"UnixFS directories: {files} files of {fileBytes / 1024} KiB ({total / 1048576} MiB), best of {runs} runs, " +
            $"{Environment.ProcessorCount} cores");
        var flat = CreateFolder(scratch.PathOf("flat"), files, fileBytes, nameLength: 8);
        var sharded = CreateFolder(scratch.PathOf("sharded"), files, fileBytes, nameLength: 60);
        var many = CreateFolder(scratch.PathOf("many"), files * 10, fileBytes / 10, nameLength: 8);
        Console.WriteLine($"  {"",-44} {"wall",12} {"CPU time",14}   ratio to flat (wall, CPU)");
        var baseline = await MeasureAsync("flat", flat, total, runs, null, skipHelia, scratch);
        await MeasureAsync("sharded (same files, long names)", sharded, total, runs, baseline, skipHelia, scratch);
        await MeasureAsync($"sharded ({files * 10} files of {fileBytes / 10} bytes)", many, total, runs, baseline, skipHelia, scratch);
        return 0;
    }

    private static async Task<Samples> MeasureAsync(
        string label, string folder, long total, int runs, Samples? baseline, bool skipHelia, BenchFiles scratch)
    {
        var store = new MemoryBlockStore();
        Cid? root = null;
        var import = await Measure.BestOfAsync(runs, async () =>
        {
            store = new MemoryBlockStore();
            root = (await new UnixFsImporter().ImportAsync(folder, store)).Cid;
        });
        var type = (await new UnixFsExporter(store).StatAsync(root!)).Type;
        var entries = 0;
        var list = await Measure.BestOfAsync(runs, async () =>
        {
            entries = 0;
            await foreach (var _ in new UnixFsExporter(store).ListDirectoryAsync(root!))
            {
                entries++;
            }
        });
        var run = 0;
        var export = await Measure.BestOfAsync(runs, async () =>
            await new UnixFsExporter(store).ExportAsync(root!, scratch.PathOf($"{Path.GetFileName(folder)}-out-{run++}")));
        var samples = new Samples(import, list, export);
        Console.WriteLine($"  {label}: {type}, {entries} entries, {root}");
        Console.WriteLine(Measure.Line("    import to memory store", total, import, baseline?.Import));
        Console.WriteLine(Measure.Line("    list every entry (verified)", total, list, baseline?.List,
            string.Create(CultureInfo.InvariantCulture, $"{entries / list.Wall.TotalSeconds:F0} entries/s")));
        Console.WriteLine(Measure.Line("    export to a new folder", total, export, baseline?.Export));
        if (!skipHelia)
        {
            var (helia, heliaCid) = await HeliaImport.RunAsync(folder, runs);
            var same = heliaCid == root!.ToString() ? "same CID" : $"DIFFERENT CID {heliaCid}";
            Console.WriteLine(Measure.Line("    Helia importer (MemoryBlockstore)", total, helia, null, same));
            Console.WriteLine(Measure.Line("    ours to memory store vs Helia", total, import, helia));
        }

        return samples;
    }

    /// <summary>A folder of <paramref name="count"/> random files whose names are <paramref name="nameLength"/> characters.</summary>
    private static string CreateFolder(string path, int count, int size, int nameLength)
    {
        Directory.CreateDirectory(path);
        var random = new Random(count + nameLength);
        var buffer = new byte[size];
        for (var index = 0; index < count; index++)
        {
            random.NextBytes(buffer);
            var name = index.ToString("D8", CultureInfo.InvariantCulture).PadRight(nameLength, 'x');
            File.WriteAllBytes(Path.Combine(path, name), buffer);
        }

        return path;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private readonly record struct Samples(Sample Import, Sample List, Sample Export);
}
