using System.Globalization;

namespace DePinGpu.ProviderNode.Bench;

/// <summary>
/// The daemon's idle cost (0 leases) on the devnet's timing and on production-like timing, measured at once over the
/// same window beside the idle .NET baseline, so that the machine's load weighs on all three alike. Both chains are
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
        var measured = await Task.WhenAll(
            ProcessCost.MeasureAsync(devnetNode.ProcessId, window),
            ProcessCost.MeasureAsync(productionNode.ProcessId, window),
            ProcessCost.MeasureAsync(baseline.ProcessId, window));
        Console.WriteLine($"idle, 0 leases, {window.TotalSeconds:0} s window after {settle.TotalSeconds:0} s, anvil with 2 s blocks, both nodes and the baseline at once:");
        Print("devnet timing (heartbeat 2 s, poll 0.5 s)", measured[0], measured[2]);
        Print("production timing (heartbeat 60 s, poll 1 s, 2 confirmations)", measured[1], measured[2]);
        Console.WriteLine($"idle .NET baseline: {measured[2].CorePercent:0.00} % of a core, {measured[2].ResidentMebibytes:0.0} MiB; "
            + $"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        return 0;
    }

    private static void Print(string label, (double CorePercent, double ResidentMebibytes) node, (double CorePercent, double ResidentMebibytes) baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {label}: {node.CorePercent:0.00} % of a core, {node.ResidentMebibytes:0.0} MiB ({(baseline.CorePercent > 0 ? node.CorePercent / baseline.CorePercent : double.NaN):0.0}x the baseline)"));
}
