using System.Collections.Concurrent;
using System.Diagnostics;
using DePinGpu.Libp2p.PubSub;

namespace DePinGpu.Libp2p.Bench.PubSub;

/// <summary>N C# nodes (real TCP + Noise + Yamux hosts on loopback) running gossipsub, connected as given.</summary>
internal sealed class CSharpBenchNetwork : IAsyncDisposable
{
    public const string Topic = "depingpu/bench";

    private readonly List<(GossipSubNode Node, PubSubSubscription Subscription)> _nodes = [];
    private readonly List<Task> _readers = [];
    private readonly ConcurrentDictionary<int, long> _sentAt = new();
    private readonly ConcurrentBag<double> _latencies = [];
    private long _delivered;

    public static async Task<CSharpBenchNetwork> StartAsync(int count, IEnumerable<(int Dialer, int Listener)> edges)
    {
        var network = new CSharpBenchNetwork();
        var router = new GossipSubOptions();
        var options = new GossipSubServiceOptions { Router = router with { Score = router.Score with { IPColocationFactorWeight = 0 } } };
        for (var index = 0; index < count; index++)
        {
            var node = await GossipSubNode.StartAsync(options);
            var subscription = node.Service.Subscribe(Topic);
            network._nodes.Add((node, subscription));
            network._readers.Add(network.ReadAsync(subscription));
        }

        foreach (var (dialer, listener) in edges)
        {
            await network._nodes[dialer].Node.DialAsync(network._nodes[listener].Node.Address);
        }

        return network;
    }

    /// <summary>Publishes <paramref name="messages"/> messages of <paramref name="size"/> bytes at <paramref name="rate"/> per second from seeded random nodes.</summary>
    public async Task<NetworkRunResult> RunAsync(int messages, double rate, int size, int seed, TimeSpan drain)
    {
        _latencies.Clear();
        _sentAt.Clear();
        Interlocked.Exchange(ref _delivered, 0);
        var random = new Random(seed);
        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var index = 0; index < messages; index++)
        {
            var due = TimeSpan.FromSeconds(index / rate);
            if (due > clock.Elapsed + TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var data = new byte[Math.Max(8, size)];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(data, index);
            _sentAt[index] = Stopwatch.GetTimestamp();
            _nodes[random.Next(_nodes.Count)].Node.Service.Publish(Topic, data);
        }

        var achievedRate = messages / clock.Elapsed.TotalSeconds;
        var expected = (long)messages * (_nodes.Count - 1);
        var deadline = Stopwatch.StartNew();
        while (Interlocked.Read(ref _delivered) < expected && deadline.Elapsed < drain)
        {
            await Task.Delay(10);
        }

        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuStart).TotalMilliseconds;
        var sorted = _latencies.Order().ToArray();
        return new NetworkRunResult(Interlocked.Read(ref _delivered), expected, Percentile(sorted, 0.5), Percentile(sorted, 0.99), cpu, achievedRate);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            node.Subscription.Dispose();
            await node.Node.DisposeAsync();
        }

        await Task.WhenAll(_readers);
    }

    internal static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(fraction * sorted.Length))];

    private async Task ReadAsync(PubSubSubscription subscription)
    {
        await foreach (var message in subscription.ReadAllAsync())
        {
            var index = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(message.Data.Span);
            if (_sentAt.TryGetValue(index, out var sent))
            {
                _latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                Interlocked.Increment(ref _delivered);
            }
        }
    }
}
