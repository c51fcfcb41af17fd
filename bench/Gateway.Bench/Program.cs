using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Numerics;
using DePinGpu.Gateway.Bench;
using DePinGpu.TenantCli.Gateway;
using DePinGpu.TestSupport;

// The gateway's data path under a replica's death (docs/benchmarks.md, "Tenant gateway"): 3 echo-service replicas,
// a closed loop of GETs and one SSE stream client through the gateway, SIGKILL of one replica a third of the way in,
// a fourth replica joining as the replacement; then the gateway's added latency against calling a replica directly.
// `chain DEVNET_DIR ORDER [requests] [concurrency]`: the same with real nodes and the chain (bench/gateway-chain.sh).
if (args is ["chain", var devnetDirectory, var order, ..])
{
    return await ChainBench.RunAsync(devnetDirectory, BigInteger.Parse(order, CultureInfo.InvariantCulture),
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10_000, args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 4);
}

var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
var script = Path.Combine(RepositoryPaths.Root, "samples", "echo-service", "server.py");
var replicas = new List<EchoReplica>();
for (var index = 1; index <= 4; index++)
{
    replicas.Add(await EchoReplica.StartAsync(script, $"replica-{index}"));
}

var listen = new IPEndPoint(IPAddress.Loopback, FreePort.Next());
var options = new GatewayOptions { Listen = listen, MetricsListen = new IPEndPoint(IPAddress.Loopback, FreePort.Next()) };
var parts = new GatewayParts(new ReplicaSet { Traits = new ServiceTraits("/health", false) }, options, ReplicaInvoker.Create(), new GatewayMetrics(), new GatewayEventLog(null, TimeProvider.System));
ReplicaAddress AddressOf(int index) => new(index + 1, 0, $"replica-{index + 1}", replicas[index].Address);
parts.Replicas.Reconcile([AddressOf(0), AddressOf(1), AddressOf(2)]);
using var stop = new CancellationTokenSource();
var run = GatewayRun.RunAsync(parts, null, null, stop.Token);
while (parts.Replicas.All.Count(replica => replica.Available) < 3)
{
    await Task.Delay(20);
}

var gateway = new Uri($"http://{listen}/echo");
using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 1024 }) { Timeout = TimeSpan.FromSeconds(30) };
var clock = Stopwatch.StartNew();
var results = new (double Start, double End, bool Ok)[requests];
var next = -1;
double killedAt = double.NaN, replacementServingAt = double.NaN;
var killIndex = requests / 3;
var streams = new StreamChecker(new Uri($"http://{listen}/events?count=20&interval=0.02"), client);
var streaming = streams.RunAsync(stop.Token);

async Task WorkerAsync()
{
    int index;
    while ((index = Interlocked.Increment(ref next)) < requests)
    {
        if (index == killIndex)
        {
            replicas[0].Kill();
            killedAt = clock.Elapsed.TotalMilliseconds;
            // The replacement: the chain's hand-over is measured by the end-to-end test; here it joins at once and the
            // gateway admits it after its first successful probe (at most one health interval).
            parts.Replicas.Reconcile([AddressOf(1), AddressOf(2), AddressOf(3)]);
        }

        var started = clock.Elapsed.TotalMilliseconds;
        var ok = false;
        try
        {
            using var response = await client.GetAsync(gateway);
            ok = response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            ok = false;
        }

        results[index] = (started, clock.Elapsed.TotalMilliseconds, ok);
        if (double.IsNaN(replacementServingAt) && !double.IsNaN(killedAt) && parts.Replicas.All.FirstOrDefault(replica => replica.Address.LeaseId == 4) is { Requests: > 0 })
        {
            replacementServingAt = clock.Elapsed.TotalMilliseconds;
        }
    }
}

await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)));
await streams.StopAsync();
var failed = results.Count(result => !result.Ok);
var before = results.Where(result => result.Start < killedAt).Select(result => result.End - result.Start).ToList();
var during = results.Where(result => result.Start >= killedAt && result.Start < replacementServingAt).Select(result => result.End - result.Start).ToList();
var after = results.Where(result => result.Start >= replacementServingAt).Select(result => result.End - result.Start).ToList();
var ends = results.Select(result => result.End).Order().ToArray();
var longestGap = ends.Zip(ends.Skip(1), (a, b) => b - a).Max();
var longestRequest = results.Max(result => result.End - result.Start);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests {requests} at concurrency {concurrency}: failed {failed}; streams {streams.Completed} complete, {streams.Broken} broken"));
Console.WriteLine($"latency p50 / p99 before the kill: {LatencySummary.Describe(before)}");
Console.WriteLine($"latency p50 / p99 kill → replacement serving: {LatencySummary.Describe(during)}");
Console.WriteLine($"latency p50 / p99 after: {LatencySummary.Describe(after)}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"longest gap between completions {longestGap:F1} ms; longest request {longestRequest:F1} ms; replacement serving {replacementServingAt - killedAt:F0} ms after the kill; retries {parts.Metrics.Retries}"));

// Added latency: one client, one request at a time, direct to a replica and through the gateway, interleaved blocks.
// The replica is a Kestrel server: Python's http.server sends headers and body in two writes and, with Nagle's
// algorithm and delayed ACKs, answers a lone keep-alive client in ~40 ms, which would hide the gateway's share.
await using var fast = await FastReplica.StartAsync();
parts.Replicas.Reconcile([new ReplicaAddress(9, 0, "kestrel", fast.Address)]);
while (!parts.Replicas.All.Single().Available)
{
    await Task.Delay(20);
}

var direct = new List<double>();
var proxied = new List<double>();
for (var block = 0; block < 8; block++)
{
    await SampleAsync(new Uri(fast.Address, "/echo"), direct);
    await SampleAsync(gateway, proxied);
}

var addedP50 = LatencySummary.Percentile(proxied, 0.5) - LatencySummary.Percentile(direct, 0.5);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"direct {LatencySummary.Describe(direct)}; through the gateway {LatencySummary.Describe(proxied)}; added p50 {addedP50:F3} ms"));
await stop.CancelAsync();
await run;
await streaming;
foreach (var replica in replicas)
{
    replica.Dispose();
}

return 0;

async Task SampleAsync(Uri target, List<double> into)
{
    for (var sample = 0; sample < 250; sample++)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(target);
        response.EnsureSuccessStatusCode();
        into.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
