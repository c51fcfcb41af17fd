using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Model;
using DePinGpu.TenantCli.Gateway;

namespace DePinGpu.Gateway.Bench;

/// <summary>
/// A closed loop of <c>GET /echo</c> (and one SSE stream client) through a gateway in front of real nodes: once a
/// third of the requests are answered, one replica's provider is killed; the loop runs until the requests are done
/// and the replacement (the lease at epoch 1) has answered. Reports the issue §4 numbers: failed requests, p50/p99
/// before, during (kill → the replacement's first answer) and after, the longest gap between two answers to one
/// client, and the failover's steps as the chain and the gateway showed them.
/// </summary>
internal sealed class ChainLoad(GatewayParts parts, Uri gateway, int requests, int concurrency)
{
    private readonly ConcurrentQueue<(int Worker, double Start, double End, bool Ok, string? Replica)> _results = new();
    private readonly List<(string Step, double At)> _steps = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _answered;
    private int _failed;
    private double _killedAt = double.NaN;
    private volatile string? _replacement;
    private volatile bool _gaveUp;

    public int Failed => _failed;

    /// <summary>Runs the load; <paramref name="kill"/> kills a replica's provider, <paramref name="readLease"/> reads a lease for the failover's steps.</summary>
    public async Task<string> RunAsync(Func<Replica, Task<string>> kill, Func<BigInteger, Task<LeaseDetails?>> readLease)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 1024 }) { Timeout = TimeSpan.FromSeconds(30) };
        using var stop = new CancellationTokenSource();
        var streams = new StreamChecker(new Uri(gateway, "events?count=20&interval=0.05"), client);
        var streaming = streams.RunAsync(stop.Token);
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(() => WorkAsync(worker, client))).ToArray();
        while (Volatile.Read(ref _answered) < requests / 3)
        {
            await Task.Delay(20);
        }

        var victim = parts.Replicas.All.First(replica => replica.Available);
        _replacement = $"{victim.Address.LeaseId}/1";
        _killedAt = _clock.Elapsed.TotalMilliseconds;
        var killed = await kill(victim);
        await WatchFailoverAsync(victim.Address.LeaseId, readLease);
        await Task.WhenAll(workers);
        await streams.StopAsync();
        await streaming;
        await stop.CancelAsync();
        return Describe(victim, killed, streams);
    }

    private async Task WorkAsync(int worker, HttpClient client)
    {
        var target = new Uri(gateway, "echo");
        while (Volatile.Read(ref _answered) < requests || (!ReplacementServed() && !_gaveUp))
        {
            var start = _clock.Elapsed.TotalMilliseconds;
            try
            {
                using var response = await client.GetAsync(target);
                var replica = response.Headers.TryGetValues("X-Replica", out var values) ? values.FirstOrDefault() : null;
                Record(worker, start, response.IsSuccessStatusCode, replica);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                Record(worker, start, false, null);
            }
        }
    }

    private void Record(int worker, double start, bool ok, string? replica)
    {
        _results.Enqueue((worker, start, _clock.Elapsed.TotalMilliseconds, ok, replica));
        Interlocked.Increment(ref _answered);
        if (!ok)
        {
            Interlocked.Increment(ref _failed);
        }
    }

    private bool ReplacementServed() => _replacement is { } key && _results.Any(result => result.Ok && result.Replica == key);

    private async Task WatchFailoverAsync(BigInteger leaseId, Func<BigInteger, Task<LeaseDetails?>> readLease)
    {
        var seen = new HashSet<string>();
        var deadline = _clock.Elapsed + TimeSpan.FromMinutes(4);
        while (!ReplacementServed() && _clock.Elapsed < deadline)
        {
            var lease = await readLease(leaseId);
            var step = lease is null ? null
                : lease.State == LeaseState.Reassigning ? "chain: fault reported, the lease waits for a standby"
                : lease.Epoch == 1 && lease.State == LeaseState.Assigned ? "chain: handed over to the standby (epoch 1)"
                : lease.Epoch == 1 && lease.State == LeaseState.Running ? "chain: the standby acknowledged, its workload started"
                : null;
            if (step is not null && seen.Add(step))
            {
                _steps.Add((step, _clock.Elapsed.TotalMilliseconds));
            }

            await Task.Delay(100);
        }

        // No replacement within the deadline: the report says so (no "during" end, no first answer) instead of hanging.
        _gaveUp = !ReplacementServed();
    }

    private string Describe(Replica victim, string killed, StreamChecker streams)
    {
        var results = _results.ToArray();
        var served = results.Where(result => result.Ok && result.Replica == _replacement).Select(result => result.End).DefaultIfEmpty(double.NaN).Min();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"requests {results.Length} (concurrency {concurrency}), failed {results.Count(result => !result.Ok)}; streams complete {streams.Completed}, broken {streams.Broken}\n");
        text.Append(CultureInfo.InvariantCulture, $"killed {victim.Address.Key} ({killed}) at request {results.Count(result => result.End <= _killedAt)}\n");
        Phase(text, "before", results.Where(result => result.Start < _killedAt));
        Phase(text, "during", results.Where(result => result.Start >= _killedAt && result.Start < served));
        Phase(text, "after", results.Where(result => result.Start >= served));
        var gap = results.GroupBy(result => result.Worker)
            .SelectMany(worker => worker.OrderBy(result => result.End).Select(result => result.End).Zip(worker.OrderBy(result => result.End).Select(result => result.End).Skip(1), (first, second) => second - first))
            .DefaultIfEmpty(0).Max();
        text.Append(CultureInfo.InvariantCulture, $"longest gap between two answers to one client: {gap:F1} ms\n");
        var killedAtUtc = DateTimeOffset.UtcNow - TimeSpan.FromMilliseconds(_clock.Elapsed.TotalMilliseconds - _killedAt);
        var steps = _steps.ToList();
        steps.AddRange(parts.Events.Recent(200).Where(entry => entry.Replica == _replacement && entry.Kind is "replica-added" or "replica-healthy")
            .Select(entry => ($"gateway: {entry.Kind}", _killedAt + (entry.At - killedAtUtc).TotalMilliseconds)));
        steps.Add(("the replacement answered its first request", served));
        foreach (var (step, at) in steps.OrderBy(step => step.At))
        {
            text.Append(CultureInfo.InvariantCulture, $"kill + {(at - _killedAt) / 1000:F2} s: {step}\n");
        }

        return text.ToString();
    }

    private static void Phase(StringBuilder text, string name, IEnumerable<(int Worker, double Start, double End, bool Ok, string? Replica)> results) =>
        text.Append(CultureInfo.InvariantCulture, $"{name}: {LatencySummary.Describe(results.Select(result => result.End - result.Start).ToList())}\n");
}
