// Benchmarks for src/Libp2p; each prints its measurement next to a baseline measured in the same run.
// Usage: dotnet DePinGpu.Libp2p.Bench.dll [--quick]      (the "serve" argument is used internally)
using DePinGpu.Libp2p.Bench;

if (args.Length > 0 && args[0] == "serve")
{
    await BenchServer.RunAsync();
    return 0;
}

var quick = args.Contains("--quick");
var settings = quick ? BenchSettings.Quick : BenchSettings.Full;
return await BenchRunner.RunAsync(settings);
