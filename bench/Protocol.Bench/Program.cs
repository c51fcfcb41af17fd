// Benchmarks for src/Protocol; each prints our figure next to a baseline measured in the same run, as a ratio.
//  1. ChainEventStream: market events decoded and delivered per second vs the raw eth_getLogs calls alone.
//  2. TransactionSender: transactions per second through the nonce manager (concurrent) vs sequential
//     send-and-wait from one key, on a chain with 1 s blocks (like a real chain) and on an automining anvil.
using DePinGpu.Protocol.Bench;
using DePinGpu.Protocol.Transactions;
using Nethereum.Contracts;
using Registry = DePinGpu.Protocol.Contracts.ProviderRegistry.ContractDefinition;

var events = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 10_000;
await using (var chain = await BenchChain.StartAsync())
{
    var market = await MarketFixture.CreateAsync(chain);
    Console.WriteLine($"Producing {events} LeaseToppedUp market events...");
    await market.ProduceTopUpsAsync(chain, events);
    var stream = await EventStreamBenchmark.RunAsync(chain, market, events);
    Console.WriteLine($"event stream  : {stream.StreamEventsPerSecond,10:N0} events/s decoded and delivered ({stream.StreamSeconds:0.000} s for {stream.Events} events, best of 3)");
    Console.WriteLine($"raw getLogs   : {stream.RawEventsPerSecond,10:N0} logs/s fetched ({stream.RawSeconds:0.000} s, same ranges, best of 3)");
    Console.WriteLine($"ratio         : the stream takes {stream.StreamSeconds / stream.RawSeconds:0.00}x the time of the raw calls (goal <= 2x)");

    var heartbeat = TransactionIntent.Create(market.Deployment.Contracts.Registry, new Registry.HeartbeatFunction().GetCallData(), "heartbeat");
    var automine = await SenderBenchmark.RunAsync(chain, market.Operator, heartbeat, concurrent: 200, sequential: 200);
    Console.WriteLine($"automine      : {automine.ConcurrentPerSecond,8:N1} tx/s concurrent vs {automine.SequentialPerSecond:N1} tx/s sequential heartbeats = {automine.Ratio:0.0}x (anvil mines inside every send)");
}

await using (var blocks = await BenchChain.StartAsync("--block-time", "1"))
{
    var transfer = SenderBenchmark.Transfer(blocks.Accounts[1].Address);
    var interval = await SenderBenchmark.RunAsync(blocks, blocks.Accounts[0], transfer, concurrent: 300, sequential: 5);
    Console.WriteLine($"nonce manager : {interval.ConcurrentPerSecond,8:N1} tx/s ({interval.Transactions} concurrent sends from one key, 1 s blocks)");
    Console.WriteLine($"sequential    : {interval.SequentialPerSecond,8:N1} tx/s (send, wait for the receipt, repeat; 1 s blocks)");
    Console.WriteLine($"ratio         : {interval.Ratio:0.0}x (goal >= 5x)");
}

return 0;
