using DePinGpu.ProviderNode.Bench;

namespace DePinGpu.TenantCli.Bench;

/// <summary>
/// `depin run` on an anvil devnet with 2 s blocks and one depin-node (Process runtime): from the command's start to the
/// lease Running on-chain (the node's acknowledgement mined), next to the same steps done by hand with the src/Protocol
/// client in this process. The difference is what the CLI adds: its start-up, config and wallet (light scrypt), its polling.
/// </summary>
internal static class RunLatency
{
    private const int BlockSeconds = 2;

    public static async Task<int> MeasureAsync(int runs)
    {
        await using var devnet = await BenchDevnet.StartAsync(BlockSeconds);
        await using var node = await BenchNode.StartAsync(devnet, "bench", gpus: 8, dockerEndpoint: null);
        var tenant = await BenchTenant.CreateAsync(devnet, node);
        Console.WriteLine($"devnet: anvil with {BlockSeconds} s blocks, one depin-node; tenant wallet with light scrypt");

        var cli = new List<double>();
        var cpu = new List<double>();
        var manual = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            // Alternate, so that a slower or faster stretch of the machine affects both alike.
            var (elapsed, used) = await tenant.CliRunAsync();
            cli.Add(elapsed.TotalSeconds);
            cpu.Add(used.TotalSeconds);
            manual.Add((await tenant.ByHandAsync()).TotalSeconds);
        }

        cli.Sort();
        cpu.Sort();
        manual.Sort();
        Console.WriteLine($"depin run, start -> Running : median {cli[runs / 2]:0.00} s, min {cli[0]:0.00} s, max {cli[^1]:0.00} s over {runs} runs");
        Console.WriteLine($"depin run, its CPU time then  : median {cpu[runs / 2]:0.00} s (user + system; not inflated by load)");
        Console.WriteLine($"by hand (src/Protocol)      : median {manual[runs / 2]:0.00} s, min {manual[0]:0.00} s, max {manual[^1]:0.00} s over {runs} runs");
        Console.WriteLine($"the CLI adds (medians)      : {cli[runs / 2] - manual[runs / 2]:0.00} s (goal < 1 s)");
        return 0;
    }
}
