using System.Text;
using System.Text.Json.Nodes;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Tests.Support;
using Xunit.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Cli;

/// <summary>
/// The provider's whole path with real processes: anvil with the contracts, two <c>depin-node</c> daemons
/// registered by <c>depin-node register</c>, a tenant (the src/Protocol client) that orders and uploads the spec.
/// </summary>
public sealed class RunCommandEndToEndTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly ITestOutputHelper _output;

    public RunCommandEndToEndTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task TwoNodesBid_WinnerRunsProcessWorkload_CommitsThreeCheckpoints_CompletesAndWithdrawsWhatIsOwed()
    {
        await using var chain = await ProtocolChain.StartAsync();
        var cheap = await DevnetNode.CreateAsync(chain, _directory.Combine("cheap"), "cheap", pricePerGpuSecond: 1000);
        var dear = await DevnetNode.CreateAsync(chain, _directory.Combine("dear"), "dear", pricePerGpuSecond: 2000);
        await HappyPathScenario.RegisterAsync(chain, cheap, dear);
        await using var cheapProcess = await cheap.RunAsync(DevnetTenant.Patience);
        await using var dearProcess = await dear.RunAsync(DevnetTenant.Patience);
        try
        {
            var leaseId = await HappyPathScenario.FinalizeAsync(chain, Encoding.UTF8.GetBytes(SpecJson()), cheap, dear);
            await HappyPathScenario.CompletesAndPaysAsync(chain, leaseId, cheap, _directory.Path);
        }
        finally
        {
            _output.WriteLine("cheap node:\n" + cheapProcess.ErrorTail + "\n\ndear node:\n" + dearProcess.ErrorTail);
        }
    }

    public void Dispose() => _directory.Dispose();

    private static string SpecJson() => new JsonObject
    {
        ["schemaVersion"] = 1,
        ["runtime"] = "process",
        ["command"] = new JsonArray("/bin/sh", ShellLoopSpecs.Script),
        ["env"] = new JsonObject { ["LOOP_STEPS"] = "3", ["LOOP_CHECKPOINT_EVERY"] = "1", ["LOOP_STEP_SECONDS"] = "0.5" },
    }.ToJsonString();
}
