using System.Globalization;
using System.Text.Json;
using DePinGpu.TestSupport;

namespace DePinGpu.Ipfs.Bench.Benchmarks;

/// <summary>Helia's importer with the same settings (tests/interop/helia-cids.mjs: Kubo chunking, MemoryBlockstore).</summary>
internal static class HeliaImport
{
    /// <summary>Imports <paramref name="path"/> <paramref name="runs"/> times in one Node process; returns the best time and the CID.</summary>
    public static async Task<(TimeSpan Best, string Cid)> RunAsync(string path, int runs)
    {
        await using var node = ExternalProcess.StartNodeScript("helia-cids.mjs", Enumerable.Repeat(path, runs).ToArray());
        var best = double.MaxValue;
        var cid = string.Empty;
        while (true)
        {
            var line = await node.ReadLineAsync(TimeSpan.FromMinutes(10));
            if (line == "done")
            {
                return (TimeSpan.FromMilliseconds(best), cid);
            }

            using var json = JsonDocument.Parse(line);
            best = Math.Min(best, json.RootElement.GetProperty("ms").GetDouble());
            cid = json.RootElement.GetProperty("cid").GetString() ?? string.Empty;
        }
    }

    public static string Describe(TimeSpan time) => time.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) + " ms";
}
