using System.Globalization;

namespace DePinGpu.ProviderNode.Bench;

/// <summary>
/// The daemon's idle cost, with 0 and then with 8 running Process leases, on the devnet's timing and on production-like
/// timing, each time measured at once over the same window beside the idle .NET baseline, so that the machine's load weighs on all three alike. Both chains are
/// anvil with 2 s blocks; the devnet one has the devnet parameters (heartbeat 2 s, timeout 6 s) and a node configured
/// as scripts/devnet does (events polled every 0.5 s, 0 confirmations); the production-like one has
/// deployments/parameters/production.json's timing (heartbeat 60 s, timeout 180 s) and a node with the defaults (events
/// polled every second, 2 confirmations).
/// </summary>
internal static class ProductionIdle
{
    /// <summary>The argument that selects this measurement: <c>production [window s] [settle s]</c>.</summary>
    public const string Argument = "production";

    public static async Task<int> RunAsync(string[] args)
    {
        var window = TimeSpan.FromSeconds(args.Length > 1 && int.TryParse(args[1], out var w) ? w : 60);
        var settle = TimeSpan.FromSeconds(args.Length > 2 && int.TryParse(args[2], out var s) ? s : 30);
        await using var devnet = await BenchDevnet.StartAsync(2);
        await using var production = await BenchDevnet.StartAsync(2, production: true);
        await using var devnetNode = await BenchNode.StartAsync(devnet, "devnet", gpus: 8, dockerEndpoint: null);
        await using var productionNode = await BenchNode.StartAsync(production, "production", gpus: 8, dockerEndpoint: null);
        await using var baseline = IdleBaseline.Start();
        await Task.Delay(settle);
        await MeasureAsync("0 leases", window, settle, devnetNode, productionNode, baseline);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var (chain, node) in new[] { (devnet, devnetNode), (production, productionNode) })
        {
            var tenant = chain.Market(await chain.FundedKeyAsync(tokens: 1_000_000));
            for (var lease = 0; lease < Leases; lease++)
            {
                await StartLatency.MeasureAsync(tenant, node, StartLatency.Spec(null), http);
            }
        }

        await Task.Delay(settle);
        await MeasureAsync($"{Leases} running Process leases each", window, settle, devnetNode, productionNode, baseline);
        return 0;
    }

    private const int Leases = 8;

    private static async Task MeasureAsync(string leases, TimeSpan window, TimeSpan settle, BenchNode devnetNode, BenchNode productionNode, IdleBaseline baseline)
    {
        var measured = await Task.WhenAll(
            ProcessCost.MeasureAsync(devnetNode.ProcessId, window),
            ProcessCost.MeasureAsync(productionNode.ProcessId, window),
            ProcessCost.MeasureAsync(baseline.ProcessId, window));
        Console.WriteLine($"idle, {leases}, {window.TotalSeconds:0} s window after {settle.TotalSeconds:0} s, anvil with 2 s blocks, both nodes and the baseline at once:");
        Print("devnet timing (heartbeat 2 s, poll 0.5 s)", measured[0], measured[2]);
        Print("production timing (heartbeat 60 s, poll 1 s, 2 confirmations)", measured[1], measured[2]);
        Console.WriteLine($"idle .NET baseline: {measured[2].CorePercent:0.00} % of a core, {measured[2].ResidentMebibytes:0.0} MiB; "
            + $"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    }

    private static void Print(string label, (double CorePercent, double ResidentMebibytes) node, (double CorePercent, double ResidentMebibytes) baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {label}: {node.CorePercent:0.00} % of a core, {node.ResidentMebibytes:0.0} MiB ({(baseline.CorePercent > 0 ? node.CorePercent / baseline.CorePercent : double.NaN):0.0}x the baseline)"));
}
