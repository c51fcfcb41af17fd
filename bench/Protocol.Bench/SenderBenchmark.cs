using System.Diagnostics;
using System.Numerics;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Transactions;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.Protocol.Bench;

/// <summary>Sends from one key: concurrently through the nonce manager vs strictly sequential send-and-wait.</summary>
internal static class SenderBenchmark
{
    /// <summary>Times <paramref name="concurrent"/> concurrent sends and <paramref name="sequential"/> sequential ones of the same intent.</summary>
    public static async Task<Result> RunAsync(BenchChain chain, WalletKey key, TransactionIntent intent, int concurrent, int sequential)
    {
        var sender = new TransactionSender(chain.Rpc, key, 31337, new RevertDecoder(), MarketFixture.FastSends);
        await sender.SendAsync(intent, CancellationToken.None);

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < sequential; i++)
        {
            await sender.SendAsync(intent, CancellationToken.None);
        }

        var sequentialSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        await Task.WhenAll(Enumerable.Range(0, concurrent).Select(_ => sender.SendAsync(intent, CancellationToken.None)));
        return new Result(concurrent, concurrent / watch.Elapsed.TotalSeconds, sequential / sequentialSeconds);
    }

    /// <summary>A plain transfer of 1 wei to <paramref name="to"/>.</summary>
    public static TransactionIntent Transfer(string to) => new(to, [], BigInteger.One, "transfer");

    public sealed record Result(int Transactions, double ConcurrentPerSecond, double SequentialPerSecond)
    {
        public double Ratio => ConcurrentPerSecond / SequentialPerSecond;
    }
}
