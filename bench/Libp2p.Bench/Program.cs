// Benchmarks for src/Libp2p; each prints its measurement next to a baseline measured in the same run.
// Usage: dotnet DePinGpu.Libp2p.Bench.dll [--quick]      (the "serve" argument is used internally)
//        dotnet DePinGpu.Libp2p.Bench.dll gossipsub [--quick]   (pubsub: latency, throughput, CPU per delivery)
using DePinGpu.Libp2p.Bench;

if (args.Length > 0 && args[0] == "serve")
{
    await BenchServer.RunAsync();
    return 0;
}

if (args.Length > 0 && args[0] == "gossipsub")
{
    return await DePinGpu.Libp2p.Bench.PubSub.GossipSubBenchmark.RunAsync(args[1..]);
}

var quick = args.Contains("--quick");
var settings = quick ? BenchSettings.Quick : BenchSettings.Full;
return await BenchRunner.RunAsync(settings);
