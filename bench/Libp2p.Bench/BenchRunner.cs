using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;
using DePinGpu.TestSupport;

namespace DePinGpu.Libp2p.Bench;

/// <summary>Runs every measurement for C#↔C# and js↔js (each listener in its own process) and prints the ratios.</summary>
internal static class BenchRunner
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        Console.WriteLine($"libp2p host benchmark: TCP + Noise + Yamux on loopback, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine($"sizes: single stream {settings.SingleStreamBytes >> 20} MiB, {settings.ParallelStreams} streams {settings.ParallelBytes >> 20} MiB in total, {settings.Handshakes} handshakes, best of {settings.Repetitions}");

        var csharp = await MeasureCSharpAsync(settings);
        var js = await MeasureJsAsync(settings);
        var memory = await IdleMemory.MeasureAsync(settings.IdleConnections);

        Console.WriteLine();
        Console.WriteLine("| Measurement | C# ↔ C# | js ↔ js | C# / js |");
        Console.WriteLine("|---|---|---|---|");
        Row("Throughput, 1 stream (MiB/s)", csharp.SingleStream, js.SingleStream, higherIsBetter: true);
        Row($"Throughput, {settings.ParallelStreams} streams (MiB/s)", csharp.Parallel, js.Parallel, higherIsBetter: true);
        Row("Dial → first stream, median (ms)", csharp.HandshakeMedian, js.HandshakeMedian, higherIsBetter: false);
        Row("Dial → first stream, p90 (ms)", csharp.HandshakeP90, js.HandshakeP90, higherIsBetter: false);
        Console.WriteLine();
        Console.WriteLine($"C# allocations while streaming: {csharp.AllocatedBytesPerMiB:0} bytes per MiB sent (client process)");
        Console.WriteLine($"C# memory per idle connection ({memory.Connections} connections, per end): managed heap {memory.ManagedBytesPerConnection / 1024.0:0.0} KiB, working set {memory.WorkingSetBytesPerConnection / 1024.0:0.0} KiB");
        return 0;
    }

    private static void Row(string name, double ours, double baseline, bool higherIsBetter)
    {
        var ratio = higherIsBetter ? ours / baseline : baseline / ours;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {ours:0.0} | {baseline:0.0} | {ratio:0.00}× {(higherIsBetter ? "" : "(js/C#)")} |"));
    }

    private static async Task<Results> MeasureCSharpAsync(BenchSettings settings)
    {
        await using var server = StartCSharpServer();
        var address = Multiaddr.Parse(ReadAddress(await server.WaitForLineAsync(IsReady, StartTimeout)));
        var options = new Libp2pHostOptions { Limits = new ConnectionLimits { MaxConnectionsPerPeer = 10_000, IdleTimeout = null } };
        await using var client = new Libp2pHost(Ed25519PrivateKey.Generate(), options);
        var peer = (await client.DialAsync(address)).RemotePeer;

        var single = 0.0;
        var parallel = 0.0;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var round = 0; round < settings.Repetitions; round++)
        {
            single = Math.Max(single, await SinkProtocol.MeasureThroughputAsync(client, peer, settings.SingleStreamBytes, 1));
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var sentMiB = settings.Repetitions * 2.0 * settings.SingleStreamBytes / (1 << 20);
        for (var round = 0; round < settings.Repetitions; round++)
        {
            parallel = Math.Max(parallel, await SinkProtocol.MeasureThroughputAsync(client, peer, settings.ParallelBytes, settings.ParallelStreams));
        }

        var latencies = new List<double>();
        for (var index = 0; index < settings.Handshakes + 5; index++)
        {
            var started = Stopwatch.GetTimestamp();
            var connection = await client.DialAsync(address, forceNewConnection: true);
            var stream = await connection.OpenStreamAsync([SinkProtocol.ProtocolId]);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (index >= 5)
            {
                latencies.Add(elapsed);
            }

            stream.Reset();
            await connection.CloseAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"C#: single {single:0.0} MiB/s, parallel {parallel:0.0} MiB/s"));
        latencies.Sort();
        return new Results(single, parallel, Percentile(latencies, 0.5), Percentile(latencies, 0.9), allocated / sentMiB);
    }

    private static async Task<Results> MeasureJsAsync(BenchSettings settings)
    {
        await using var server = ExternalProcess.StartNodeScript("libp2p-bench.mjs", "server");
        var address = ReadAddress(await server.WaitForLineAsync(IsReady, StartTimeout));
        var single = 0.0;
        var parallel = 0.0;
        double median = 0;
        double p90 = 0;
        for (var round = 0; round < settings.Repetitions; round++)
        {
            var handshakes = round == 0 ? settings.Handshakes : 0;
            var result = await RunJsClientAsync(address, settings.SingleStreamBytes, 1, handshakes);
            single = Math.Max(single, result.GetProperty("throughputMiBps").GetDouble());
            if (handshakes > 0)
            {
                median = result.GetProperty("handshakeMedianMs").GetDouble();
                p90 = result.GetProperty("handshakeP90Ms").GetDouble();
            }

            var parallelResult = await RunJsClientAsync(address, settings.ParallelBytes, settings.ParallelStreams, 0);
            parallel = Math.Max(parallel, parallelResult.GetProperty("throughputMiBps").GetDouble());
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"js: single {single:0.0} MiB/s, parallel {parallel:0.0} MiB/s"));
        return new Results(single, parallel, median, p90, 0);
    }

    private static async Task<JsonElement> RunJsClientAsync(string address, long bytes, int streams, int handshakes)
    {
        await using var client = ExternalProcess.StartNodeScript(
            "libp2p-bench.mjs", "client", address, bytes.ToString(CultureInfo.InvariantCulture), streams.ToString(CultureInfo.InvariantCulture), handshakes.ToString(CultureInfo.InvariantCulture));
        try
        {
            var line = await client.WaitForLineAsync(candidate => candidate.Contains("\"result\"", StringComparison.Ordinal), TimeSpan.FromMinutes(10));
            return JsonDocument.Parse(line).RootElement;
        }
        catch (InvalidOperationException exception)
        {
            // js-libp2p occasionally resets streams under parallel bulk load; report the run as failed, keep going.
            var reason = exception.Message.Split('\n').FirstOrDefault(text => text.Contains("Error", StringComparison.Ordinal)) ?? "exited early";
            Console.WriteLine($"js client run ({bytes >> 20} MiB, {streams} streams) failed: {reason.Trim()}");
            return JsonDocument.Parse("{\"throughputMiBps\":0,\"handshakeMedianMs\":0,\"handshakeP90Ms\":0}").RootElement;
        }
    }

    private static ExternalProcess StartCSharpServer()
    {
        var self = typeof(BenchRunner).Assembly.Location;
        var host = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? ExternalProcess.Start(host, [self, "serve"])
            : ExternalProcess.Start(host, ["serve"]);
    }

    private static bool IsReady(string line) => line.Contains("\"ready\"", StringComparison.Ordinal);

    private static string ReadAddress(string line) => JsonDocument.Parse(line).RootElement.GetProperty("addr").GetString()!;

    private static double Percentile(List<double> sorted, double quantile) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(quantile * sorted.Count))];

    private sealed record Results(double SingleStream, double Parallel, double HandshakeMedian, double HandshakeP90, double AllocatedBytesPerMiB);
}
