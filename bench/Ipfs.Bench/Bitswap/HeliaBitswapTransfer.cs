using System.Globalization;
using System.Text.Json;
using DePinGpu.TestSupport;

namespace DePinGpu.Ipfs.Bench.Bitswap;

/// <summary>Helia → Helia over Bitswap, run by <c>tests/interop/helia-bitswap-bench.mjs</c> (its own wall and CPU time per run).</summary>
internal static class HeliaBitswapTransfer
{
    public static async Task<(string Cid, TransferSample Best, long Bytes)> RunAsync(string checkpoint, int runs)
    {
        await using var process = ExternalProcess.StartNodeScript("helia-bitswap-bench.mjs", checkpoint, runs.ToString(CultureInfo.InvariantCulture));
        var timeout = TimeSpan.FromMinutes(30);
        var added = JsonDocument.Parse(await process.WaitForLineAsync(line => line.Contains("\"added\"", StringComparison.Ordinal), timeout));
        var best = TransferSample.Worst;
        long bytes = 0;
        for (var run = 0; run < runs; run++)
        {
            var line = JsonDocument.Parse(await process.WaitForLineAsync(text => text.Contains("\"run\"", StringComparison.Ordinal), timeout)).RootElement;
            bytes = line.GetProperty("bytes").GetInt64();
            best = best.Best(new TransferSample(
                TimeSpan.FromMilliseconds(line.GetProperty("ms").GetDouble()), TimeSpan.FromMilliseconds(line.GetProperty("cpuMs").GetDouble())));
        }

        return (added.RootElement.GetProperty("cid").GetString()!, best, bytes);
    }
}
