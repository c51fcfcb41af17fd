using System.Text;
using System.Text.Json.Nodes;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Model;
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

    [Fact]
    public async Task WorkloadKilledBehindTheNodesBack_RestartsInPlaceFromTheCommittedStep_AndTheLeaseCompletes()
    {
        await using var chain = await ProtocolChain.StartAsync();
        var cheap = await DevnetNode.CreateAsync(chain, _directory.Combine("cheap"), "cheap", pricePerGpuSecond: 1000);
        var dear = await DevnetNode.CreateAsync(chain, _directory.Combine("dear"), "dear", pricePerGpuSecond: 2000);
        await HappyPathScenario.RegisterAsync(chain, cheap, dear);
        await using var cheapProcess = await cheap.RunAsync(DevnetTenant.Patience);
        await using var dearProcess = await dear.RunAsync(DevnetTenant.Patience);
        try
        {
            // Steps 4 s apart: step 1 is committed well before step 3 ends the job, and the kill lands in between.
            var leaseId = await HappyPathScenario.FinalizeAsync(chain, Encoding.UTF8.GetBytes(SpecJson(stepSeconds: "4")), cheap, dear);
            await DevnetTenant.Until(async () => (await DevnetTenant.CheckpointCommitsAsync(chain, leaseId)).Count > 0, "step 1 is committed");
            var runs = Path.Combine(cheap.Directory, "data", "processes", "runs");
            var group = File.ReadAllText(Path.Combine(runs, $"lease-{leaseId}-e0-r0", "workload.pid")).Split(' ')[0];

            using (var kill = System.Diagnostics.Process.Start("kill", ["-KILL", "--", "-" + group]))
            {
                await kill.WaitForExitAsync();
                Assert.True(kill.ExitCode == 0, "the workload had ended before the kill");
            }

            // Before the node told such a kill from a failure, it released the lease here ("the workload exited with
            // code 137") and the standby ran it at epoch 1.
            var market = chain.Connection.Market();
            await DevnetTenant.Until(async () => (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.State == LeaseState.Closed, "the lease ends");
            Assert.Equal(0u, (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.Epoch);
            await HappyPathScenario.CompletesAndPaysAsync(chain, leaseId, cheap, _directory.Path);
            Assert.True(Directory.Exists(Path.Combine(runs, $"lease-{leaseId}-e0-r1")), "the node did not restart the workload in place");
        }
        finally
        {
            _output.WriteLine("cheap node:\n" + cheapProcess.ErrorTail + "\n\ndear node:\n" + dearProcess.ErrorTail);
        }
    }

    public void Dispose() => _directory.Dispose();

    private static string SpecJson(string stepSeconds = "0.5") => new JsonObject
    {
        ["schemaVersion"] = 1,
        ["runtime"] = "process",
        ["command"] = new JsonArray("/bin/sh", ShellLoopSpecs.Script),
        ["env"] = new JsonObject { ["LOOP_STEPS"] = "3", ["LOOP_CHECKPOINT_EVERY"] = "1", ["LOOP_STEP_SECONDS"] = stepSeconds },
        // No standby pin is required before a commit: this test has no gossip layer to carry the standby's announcements.
        ["checkpoint"] = new JsonObject { ["intervalSeconds"] = 1, ["replicas"] = 0 },
    }.ToJsonString();
}
