using System.Text.Json;
using DePinGpu.TestSupport;

namespace DePinGpu.Ipfs.Bench.Benchmarks;

/// <summary>Helia's importer with the same settings (tests/interop/helia-cids.mjs: Kubo chunking, MemoryBlockstore).</summary>
internal static class HeliaImport
{
    /// <summary>Imports <paramref name="path"/> <paramref name="runs"/> times in one Node process; returns the best sample and the CID.</summary>
    public static async Task<(Sample Best, string Cid)> RunAsync(string path, int runs)
    {
        await using var node = ExternalProcess.StartNodeScript("helia-cids.mjs", Enumerable.Repeat(path, runs).ToArray());
        var best = Sample.Worst;
        var cid = string.Empty;
        while (true)
        {
            var line = await node.ReadLineAsync(TimeSpan.FromMinutes(10));
            if (line == "done")
            {
                return (best, cid);
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            best = best.Best(new Sample(
                TimeSpan.FromMilliseconds(root.GetProperty("ms").GetDouble()), TimeSpan.FromMilliseconds(root.GetProperty("cpuMs").GetDouble())));
            cid = root.GetProperty("cid").GetString() ?? string.Empty;
        }
    }
}
