// Benchmark of the provider node (depin-node run as a real process) on an anvil devnet with 2 s blocks:
//  1. Finalize -> workload started (its process, from the kernel) and -> the node shows Running (ack mined), with the Process runtime and (when a Docker engine answers) with Docker.
//  2. The daemon's idle cost (CPU share of one core, resident memory) with 0 and with 8 running leases.
// Run through scripts/images/with-docker.sh to include Docker (it starts dockerd when none answers).
// Arguments: [runs per runtime, default 4] [idle window seconds, default 60] [settle seconds, default 30].
// The idle figures are measured beside an idle .NET process (this program started as "baseline") over the same windows.
// "production [window] [settle]": the idle cost at 0 and at 8 Process leases, on the devnet's and on production-like timing (see ProductionIdle).
using DePinGpu.ProviderNode.Bench;

if (args is [IdleBaseline.Argument])
{
    return await IdleBaseline.RunAsync();
}

if (args is [ProductionIdle.Argument, ..])
{
    return await ProductionIdle.RunAsync(args);
}

const int BlockSeconds = 2;
var samples = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 4;
var window = TimeSpan.FromSeconds(args.Length > 1 && int.TryParse(args[1], out var w) ? w : 60);
// Before each idle measurement: start-up work (JIT tiering, the first event ranges, new leases' first rescans) settles.
var settle = TimeSpan.FromSeconds(args.Length > 2 && int.TryParse(args[2], out var s) ? s : 30);
var image = await DockerImage.ShellLoopAsync();
Console.WriteLine($"devnet: anvil with {BlockSeconds} s blocks; Docker: {image ?? "no engine answers, Docker figures skipped"}");

await using var devnet = await BenchDevnet.StartAsync(BlockSeconds);
await using var node = await BenchNode.StartAsync(devnet, "bench", gpus: 8, image is null ? null : DockerImage.Endpoint);
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
var tenant = devnet.Market(await devnet.FundedKeyAsync(tokens: 1_000_000));

await using var baseline = IdleBaseline.Start();
await Task.Delay(settle);
await ProcessCost.ReportIdleAsync("idle, 0 leases", node.ProcessId, baseline.ProcessId, window);

var leases = 0;
foreach (var (name, spec, runs) in new[] { ("process", StartLatency.Spec(null), samples), ("docker", image is null ? null : StartLatency.Spec(image), image is null ? 0 : samples) })
{
    var started = new List<double>();
    var running = new List<double>();
    for (var run = 0; run < runs && spec is not null; run++, leases++)
    {
        var (workload, acknowledged) = await StartLatency.MeasureAsync(tenant, node, spec, http);
        started.Add(workload.TotalSeconds);
        running.Add(acknowledged.TotalSeconds);
    }

    if (started.Count > 0)
    {
        Console.WriteLine($"finalize->workload started, {name,-7}: {Summary(started)} ({BlockSeconds} s blocks; goal {(name == "process" ? 2 : 4)} s)");
        Console.WriteLine($"finalize->node shows Running (ack mined), {name,-7}: {Summary(running)}");
    }
}

while (leases < 8)
{
    await StartLatency.MeasureAsync(tenant, node, StartLatency.Spec(null), http);
    leases++;
}

await Task.Delay(settle);
await ProcessCost.ReportIdleAsync($"idle, {leases} leases", node.ProcessId, baseline.ProcessId, window);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
return 0;

static string Summary(List<double> seconds)
{
    seconds.Sort();
    return $"median {seconds[seconds.Count / 2]:0.00} s, min {seconds[0]:0.00} s, max {seconds[^1]:0.00} s over {seconds.Count} runs";
}
