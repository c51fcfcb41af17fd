// Benchmarks for src/Ipfs; each prints its measurement next to a baseline measured in the same run.
//   dotnet run -c Release -- [--size-mib 1024] [--peak-mib 2048] [--runs 3] [--skip-helia]
using System.Globalization;
using DePinGpu.Ipfs.Bench.Benchmarks;

if (args.Length == 3 && args[0] == PeakMemory.ChildFlag)
{
    return await PeakMemory.RunChildAsync(args[1], args[2]);
}

var sizeMib = Option("--size-mib", 1024);
var peakMib = Option("--peak-mib", 2048);
var runs = Option("--runs", 3);
var skipHelia = args.Contains("--skip-helia");
var size = sizeMib * 1048576L;

using var files = new BenchFiles();
var input = files.PathOf("input.bin");
Console.WriteLine($"IPFS content store benchmarks: {sizeMib} MiB random file, best of {runs}, {Environment.ProcessorCount} cores");
BenchFiles.WriteRandom(input, size, seed: 1);
await Sha256Baseline.HashFileAsync(input);

var sha = await Measure.BestOfAsync(runs, () => Sha256Baseline.HashFileAsync(input));
var benchmarks = new ContentBenchmarks(files, input);
var (import, cid) = await benchmarks.ImportAsync(runs);
var flush = await benchmarks.FlushAfterImportAsync();
var exportNull = await benchmarks.ExportToNullAsync(cid, runs);
var exportDisk = await benchmarks.ExportToDiskAsync(cid, runs);
var car = await benchmarks.CarExportAsync(cid, runs);

Console.WriteLine($"  single-core SHA-256 (read + hash)   {Measure.Rate(size, sha)}   baseline");
Console.WriteLine($"  import to block store               {Measure.Rate(size, import)}   {Measure.Ratio(sha.TotalSeconds, import.TotalSeconds)} of SHA-256 (goal >= 0.8x)   {cid}");
Console.WriteLine($"    + durable flush (syncfs)          {flush.TotalSeconds,8:F2} s extra");
Console.WriteLine($"  export, verified, to null stream    {Measure.Rate(size, exportNull)}   {Measure.Ratio(sha.TotalSeconds, exportNull.TotalSeconds)} of SHA-256");
Console.WriteLine($"  export, verified, to a new file     {Measure.Rate(size, exportDisk)}   {Measure.Ratio(sha.TotalSeconds, exportDisk.TotalSeconds)} of SHA-256");
Console.WriteLine($"  CAR export, verified, to null       {Measure.Rate(size, car)}   {Measure.Ratio(sha.TotalSeconds, car.TotalSeconds)} of SHA-256");

if (!skipHelia)
{
    var (helia, heliaCid) = await HeliaImport.RunAsync(input, Math.Max(1, runs - 1));
    var same = heliaCid == cid.ToString() ? "same CID" : $"DIFFERENT CID {heliaCid}";
    Console.WriteLine($"  Helia importer (MemoryBlockstore)   {Measure.Rate(size, helia)}   ours {Measure.Ratio(helia.TotalSeconds, import.TotalSeconds)} of Helia (goal >= 2x), {same}");
}

var peakInput = files.PathOf("peak.bin");
File.Delete(input);
BenchFiles.WriteRandom(peakInput, peakMib * 1048576L, seed: 2);
var (peak, _) = await PeakMemory.MeasureInChildAsync(peakInput, files.PathOf("peak-store"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  peak RSS importing {peakMib} MiB (whole process) {peak / 1048576.0,6:F0} MiB   goal < 150 MiB"));
return 0;

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
