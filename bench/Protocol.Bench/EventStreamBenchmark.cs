using System.Diagnostics;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Rpc;

namespace DePinGpu.Protocol.Bench;

/// <summary>Times a ChainEventStream over the chain's market events against the same eth_getLogs calls alone.</summary>
internal static class EventStreamBenchmark
{
    private const uint Range = 2_000;
    private const int Rounds = 3;

    public static async Task<Result> RunAsync(BenchChain chain, MarketFixture market, int expectedEvents)
    {
        var head = await chain.Rpc.GetBlockNumberAsync(CancellationToken.None);
        var decoder = market.Decoder;
        double bestStream = double.MaxValue, bestRaw = double.MaxValue;
        var delivered = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var raw = await TimeRawAsync(chain.Rpc.Client, decoder, market.StartBlock, head);
            bestRaw = Math.Min(bestRaw, raw.Seconds);
            var stream = await TimeStreamAsync(chain.Rpc, decoder, market.StartBlock);
            bestStream = Math.Min(bestStream, stream.Seconds);
            delivered = stream.Events;
            if (raw.Logs < expectedEvents || stream.Events < expectedEvents)
            {
                throw new InvalidOperationException($"Expected {expectedEvents} events, raw saw {raw.Logs} logs and the stream {stream.Events} events.");
            }
        }

        return new Result(delivered, bestStream, bestRaw);
    }

    private static async Task<(double Seconds, int Logs)> TimeRawAsync(JsonRpcClient client, IChainEventDecoder decoder, ulong start, ulong head)
    {
        var watch = Stopwatch.StartNew();
        var logs = 0;
        for (var from = start; from <= head; from += Range)
        {
            var to = Math.Min(head, from + Range - 1);
            var filter = new Dictionary<string, object?>
            {
                ["fromBlock"] = "0x" + from.ToString("x"),
                ["toBlock"] = "0x" + to.ToString("x"),
                ["address"] = decoder.Addresses.ToArray(),
                ["topics"] = new object?[] { decoder.Topics.ToArray() },
            };
            var result = await client.RequestAsync("eth_getLogs", [filter], CancellationToken.None);
            logs += result.GetArrayLength();
        }

        return (watch.Elapsed.TotalSeconds, logs);
    }

    private static async Task<(double Seconds, int Events)> TimeStreamAsync(EthereumRpc rpc, IChainEventDecoder decoder, ulong start)
    {
        var directory = Path.Combine(Path.GetTempPath(), "depin-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var store = new ChainCursorStore(Path.Combine(directory, "cursor.db"));
            var stream = new ChainEventStream(rpc, decoder, store, new ChainEventStreamOptions { Name = "bench", StartBlock = start, Confirmations = 0, MaxBlockRange = Range });
            var handler = new CountingHandler();
            var watch = Stopwatch.StartNew();
            while (await stream.StepAsync(handler, CancellationToken.None))
            {
            }

            return (watch.Elapsed.TotalSeconds, handler.Events);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public sealed record Result(int Events, double StreamSeconds, double RawSeconds)
    {
        public double StreamEventsPerSecond => Events / StreamSeconds;

        public double RawEventsPerSecond => Events / RawSeconds;
    }

    private sealed class CountingHandler : IChainEventHandler
    {
        public int Events { get; private set; }

        public Task HandleAsync(ChainEventBatch batch, CancellationToken cancellationToken)
        {
            Events += batch.Events.Count(e => e is Events.Market.LeaseToppedUp);
            return Task.CompletedTask;
        }

        public Task RollbackAsync(ChainRollback rollback, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No reorg happens in the benchmark.");
    }
}
