using System.Text.Json;
using DePinGpu.TestSupport;

namespace DePinGpu.Libp2p.Bench.PubSub;

/// <summary>Runs <c>tests/interop/gossipsub-bench.mjs</c>: the same network of js-libp2p nodes in one Node process.</summary>
internal static class JsBenchNetwork
{
    public static async Task<NetworkRunResult> RunAsync(int nodes, IEnumerable<(int Dialer, int Listener)> edges, int messages, double rate, int size, int seed)
    {
        var config = JsonSerializer.Serialize(new
        {
            nodes,
            edges = edges.Select(edge => new[] { edge.Dialer, edge.Listener }).ToArray(),
            rate,
            messages,
            size,
            warmupMs = 3000,
            seed,
        });
        await using var process = ExternalProcess.StartNodeScript("gossipsub-bench.mjs", config);
        var line = await process.WaitForLineAsync(text => text.StartsWith('{'), TimeSpan.FromMinutes(5));
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        double Number(string name) => root.GetProperty(name).ValueKind == JsonValueKind.Number ? root.GetProperty(name).GetDouble() : double.NaN;
        return new NetworkRunResult((long)Number("delivered"), (long)Number("expected"), Number("p50"), Number("p99"), Number("cpuMs"), Number("achievedRate"));
    }
}
