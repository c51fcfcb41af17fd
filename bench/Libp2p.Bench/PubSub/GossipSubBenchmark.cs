using System.Globalization;

namespace DePinGpu.Libp2p.Bench.PubSub;

/// <summary>
/// <c>gossipsub</c> benchmark: delivery latency in a 20-node network at 10 msg/s (C# vs js, same topology, same run),
/// the highest lossless rate of 1 KiB messages in a 10-node network (C# and js), and CPU time per delivery.
/// </summary>
internal static class GossipSubBenchmark
{
    private const int Seed = 20260;

    public static async Task<int> RunAsync(string[] arguments)
    {
        var quick = arguments.Contains("--quick");
        var latencyMessages = quick ? 50 : 200;
        var edges20 = BenchTopology.RandomSparse(20, extraEdges: 10, Seed);
        Console.WriteLine($"gossipsub latency: 20 nodes, {edges20.Count} links, 10 msg/s, {latencyMessages} messages of 128 B");
        NetworkRunResult csharp;
        await using (var network = await CSharpBenchNetwork.StartAsync(20, edges20))
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            csharp = await network.RunAsync(latencyMessages, 10, 128, Seed, TimeSpan.FromSeconds(10));
        }

        var js = await JsBenchNetwork.RunAsync(20, edges20, latencyMessages, 10, 128, Seed);
        Print("C#", csharp);
        Print("js", js);
        Console.WriteLine(Invariant($"  p99 ratio js/C#: {js.P99Milliseconds / csharp.P99Milliseconds:F2}x; goal C# p99 <= js p99 and <= 250 ms: {(csharp.P99Milliseconds <= js.P99Milliseconds && csharp.P99Milliseconds <= 250 ? "met" : "NOT met")}"));
        Console.WriteLine(Invariant($"  CPU per delivery ratio js/C#: {js.CpuMicrosecondsPerDelivery / csharp.CpuMicrosecondsPerDelivery:F2}x"));

        var edges10 = BenchTopology.RandomSparse(10, extraEdges: 5, Seed + 1);
        var rates = quick ? new double[] { 25, 100, 400 } : [25, 50, 100, 200, 400, 800, 1600, 3200];
        var seconds = quick ? 2 : 4;
        Console.WriteLine($"gossipsub throughput: 10 nodes, {edges10.Count} links, 1 KiB messages, {seconds} s per rate step");
        var csharpBest = await FindSustainedRateAsync("C#", rates, seconds, rate => RunCSharpThroughputAsync(edges10, rate, seconds));
        var jsBest = await FindSustainedRateAsync("js", rates, seconds, rate => JsBenchNetwork.RunAsync(10, edges10, (int)(rate * seconds), rate, 1024, Seed));
        Console.WriteLine(Invariant($"  highest sustained lossless rate (pace kept, nothing lost, p99 < 1 s): C# {csharpBest} msg/s, js {jsBest} msg/s, ratio C#/js {(jsBest == 0 ? double.NaN : csharpBest / jsBest):F2}x"));
        return 0;
    }

    private static async Task<NetworkRunResult> RunCSharpThroughputAsync(List<(int, int)> edges, double rate, int seconds)
    {
        await using var network = await CSharpBenchNetwork.StartAsync(10, edges);
        await Task.Delay(TimeSpan.FromSeconds(3));
        return await network.RunAsync((int)(rate * seconds), rate, 1024, Seed, TimeSpan.FromSeconds(5));
    }

    private static async Task<double> FindSustainedRateAsync(string name, double[] rates, int seconds, Func<double, Task<NetworkRunResult>> run)
    {
        var best = 0.0;
        foreach (var rate in rates)
        {
            var result = await run(rate);
            Console.WriteLine(Invariant($"  {name,-3} {rate,6} msg/s (achieved {result.AchievedRate:F0}): delivered {result.Delivered}/{result.Expected}, p99 {result.P99Milliseconds:F1} ms, CPU {result.CpuMicrosecondsPerDelivery:F1} µs/delivery"));
            if (!result.SustainedAt(rate))
            {
                break;
            }

            best = rate;
        }

        return best;
    }

    private static void Print(string name, NetworkRunResult result) =>
        Console.WriteLine(Invariant($"  {name,-3} delivered {result.Delivered}/{result.Expected}, p50 {result.P50Milliseconds:F1} ms, p99 {result.P99Milliseconds:F1} ms, CPU {result.CpuMicrosecondsPerDelivery:F1} µs/delivery"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
