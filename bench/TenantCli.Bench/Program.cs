// Benchmarks of the tenant CLI `depin`:
//   run [runs]      `depin run` on an anvil devnet (2 s blocks, one depin-node) against the same steps by hand (default 3 runs);
//   startup [runs]  `depin --help` start-up time and peak memory against a minimal .NET program (default 15 runs);
//   hello           that minimal program: prints one line (the start-up baseline).
// With no mode: run. Nothing but the `hello` branch is touched before it returns, so it loads no more than a console app.
using DePinGpu.TenantCli.Bench;

if (args is ["hello"])
{
    Console.WriteLine("hello");
    return 0;
}

return await Modes.RunAsync(args);
