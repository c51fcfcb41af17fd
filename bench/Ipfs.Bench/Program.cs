// Benchmarks for src/Ipfs; each prints its measurement next to a baseline measured in the same run.
//   dotnet run -c Release -- [--size-mib 1024] [--peak-mib 2048] [--runs 3] [--skip-helia]
//   dotnet run -c Release -- hamt [--files 5000] [--file-kib 16] [--runs 3] [--skip-helia]   (sharded vs flat directories)
// Columns: wall-clock MB/s, MB per CPU-second (user + system time of all threads), then ours ÷ baseline for both.
using System.Globalization;
using DePinGpu.Ipfs.Bench.Benchmarks;

if (args.Length == 3 && args[0] == PeakMemory.ChildFlag)
{
    return await PeakMemory.RunChildAsync(args[1], args[2]);
}

if (args.Length > 0 && args[0] == "bitswap")
{
    return await DePinGpu.Ipfs.Bench.Bitswap.BitswapBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "hamt")
{
    return await DePinGpu.Ipfs.Bench.Hamt.HamtBenchmark.RunAsync(args[1..]);
}

var sizeMib = Option("--size-mib", 1024);
var peakMib = Option("--peak-mib", 2048);
var runs = Option("--runs", 3);
var skipHelia = args.Contains("--skip-helia");
var size = sizeMib * 1048576L;

using var files = new BenchFiles();
var input = files.PathOf("input.bin");
Console.WriteLine($"IPFS content store benchmarks: {sizeMib} MiB random file, best of {runs} interleaved runs, " +
    $"{Environment.ProcessorCount} cores, load average {LoadAverage()}");
BenchFiles.WriteRandom(input, size, seed: 1);
var previousCheckpoint = files.PathOf("previous.bin");
BenchFiles.WriteRandom(previousCheckpoint, size, seed: 3);
await Sha256Baseline.HashFileAsync(input);

// Baselines and ours alternate within each run, so a burst of load on this shared machine hits them alike.
var benchmarks = new ContentBenchmarks(files, input);
var sha = Sample.Worst;
var newFiles = Sample.Worst;
var newFilesParallel = Sample.Worst;
var import = Sample.Worst;
var importMemory = Sample.Worst;
var replacement = Sample.Worst;
var replacements = new CheckpointReplacement(files, input, previousCheckpoint);
DePinGpu.Libp2p.Multiformats.Cid? cid = null;
for (var run = 0; run < runs; run++)
{
    sha = sha.Best(await Measure.TimeAsync(() => Sha256Baseline.HashFileAsync(input)));
    newFiles = newFiles.Best(await benchmarks.WriteNewFilesAsync(writers: 1));
    newFilesParallel = newFilesParallel.Best(await benchmarks.WriteNewFilesAsync(writers: Environment.ProcessorCount));
    var (time, imported) = await benchmarks.ImportToStoreAsync();
    (import, cid) = (import.Best(time), imported);
    importMemory = importMemory.Best(await benchmarks.ImportToMemoryAsync());
    var (replacementTime, replacementCid) = await replacements.RunAsync();
    replacement = replacement.Best(replacementTime);
    if (replacementCid != cid)
    {
        Console.Error.WriteLine($"The import into a store with spare files gave {replacementCid}, not {cid}.");
        return 1;
    }
}

var flush = await benchmarks.FlushAfterImportAsync();
var exportNull = await benchmarks.ExportToNullAsync(cid!, runs);
var exportDisk = await benchmarks.ExportToDiskAsync(cid!, runs);
var car = await benchmarks.CarExportAsync(cid!, runs);

Console.WriteLine($"  {"",-36} {"wall",12} {"CPU time",14}   ratio to SHA-256 (wall, CPU)");
Console.WriteLine(Measure.Line("single-core SHA-256 (read + hash)", size, sha, null));
Console.WriteLine(Measure.Line("write 256 KiB files, no hashing", size, newFiles, sha, "what creating new files costs here"));
Console.WriteLine(Measure.Line($"  the same, {Environment.ProcessorCount} writers", size, newFilesParallel, sha, "an upper bound for importing into a new store"));
Console.WriteLine(Measure.Line("import to file-system block store", size, import, sha, $"goal >= 0.8x   {cid}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    then durable flush (syncfs)        {flush.Wall.TotalSeconds,7:F2} s"));
Console.WriteLine(Measure.Line("import replacing a collected one", size, replacement, sha, "goal >= 0.8x   (the previous checkpoint's files reused)"));
Console.WriteLine(Measure.Line("import to memory block store", size, importMemory, sha));
Console.WriteLine(Measure.Line("export, verified, to null stream", size, exportNull, sha));
Console.WriteLine(Measure.Line("export, verified, to a new file", size, exportDisk, sha));
Console.WriteLine(Measure.Line("CAR export, verified, to null", size, car, sha));

if (!skipHelia)
{
    var (helia, heliaCid) = await HeliaImport.RunAsync(input, runs);
    var same = heliaCid == cid!.ToString() ? "same CID" : $"DIFFERENT CID {heliaCid}";
    Console.WriteLine(Measure.Line("Helia importer (MemoryBlockstore)", size, helia, sha, same));
    Console.WriteLine(Measure.Line("  ours to file-system store vs Helia", size, import, helia, "goal >= 2x"));
    Console.WriteLine(Measure.Line("  ours replacing a checkpoint vs Helia", size, replacement, helia, "goal >= 2x"));
    Console.WriteLine(Measure.Line("  ours to memory store vs Helia", size, importMemory, helia, "same kind of store"));
}

var peakInput = files.PathOf("peak.bin");
File.Delete(input);
File.Delete(previousCheckpoint);
BenchFiles.WriteRandom(peakInput, peakMib * 1048576L, seed: 2);
var (peak, _) = await PeakMemory.MeasureInChildAsync(peakInput, files.PathOf("peak-store"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  peak RSS importing {peakMib} MiB and pinning it (whole process): {peak / 1048576.0:F0} MiB   goal < 150 MiB"));
Console.WriteLine($"  load average at the end: {LoadAverage()}");
return 0;

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
