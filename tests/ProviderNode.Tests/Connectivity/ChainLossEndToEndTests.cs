using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TestSupport;
using DePinGpu.TestSupport.Faults;
using Xunit.Abstractions;

using static DePinGpu.ProviderNode.Tests.Connectivity.ChainLossSteps;

namespace DePinGpu.ProviderNode.Tests.Connectivity;

/// <summary>
/// Losing the chain, with real processes: anvil with the contracts, a <c>depin-node</c> daemon that reaches anvil only
/// through <see cref="TcpProxy"/>s, and a tenant (the src/Protocol client, straight at anvil) running a shell-loop
/// workload with the Process runtime. Nobody reports the provider while it is cut off.
/// </summary>
public sealed class ChainLossEndToEndTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly ITestOutputHelper _output;

    public ChainLossEndToEndTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task CutOffLongerThanTheTimeout_KeepPolicy_WorkloadKeepsRunning_NothingIsCommitted_AndItCommitsAgainOnceReconnected()
    {
        await using var chain = await ProtocolChain.StartAsync();
        await using var proxy = TcpProxy.Start(chain.Anvil.RpcUrl);
        var node = await RegisteredNodeAsync(chain, [proxy.Url]);
        await using var process = await node.RunAsync(Patience);
        try
        {
            var (market, leaseId, _) = await LeaseRunningAsync(chain, node, "keep");
            var committed = await CommittedStepAsync(market, leaseId, atLeast: 2);

            await proxy.CloseAsync();
            var cutOff = (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.CheckpointStep;
            await PastTheHeartbeatTimeoutAsync(chain, node);
            var stepAfterTimeout = LocalCheckpointSteps(node, leaseId).DefaultIfEmpty(0UL).Max();
            await Until(() => Task.FromResult(LocalCheckpointSteps(node, leaseId).DefaultIfEmpty(0UL).Max() > stepAfterTimeout), "the workload writes another checkpoint after the timeout");
            Assert.Equal(cutOff, (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.CheckpointStep);
            var lost = await NodeChainStatusAsync(node);
            Assert.Equal("lost", lost.GetProperty("state").GetString());
            Assert.False(lost.GetProperty("mayCommit").GetBoolean());
            Assert.Equal(JsonValueKind.String, lost.GetProperty("since").ValueKind);

            proxy.Open();
            await Until(async () => (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.CheckpointStep > cutOff, "the node commits again");
            var lease = (await market.GetLeaseAsync(leaseId, CancellationToken.None))!;
            Assert.Equal(LeaseState.Running, lease.State);
            Assert.Equal(node.Owner.Address, lease.Provider, StringComparer.OrdinalIgnoreCase);
            Assert.True(committed <= cutOff);
            await EndLeaseAsync(market, node, leaseId);
        }
        finally
        {
            _output.WriteLine(process.ErrorTail);
        }
    }

    [Fact]
    public async Task CutOffLongerThanTheTimeout_StopPolicy_WorkloadStops_AndRestartsFromItsLastCommittedCheckpointOnceReconnected()
    {
        await using var chain = await ProtocolChain.StartAsync();
        await using var proxy = TcpProxy.Start(chain.Anvil.RpcUrl);
        var node = await RegisteredNodeAsync(chain, [proxy.Url]);
        await using var process = await node.RunAsync(Patience);
        try
        {
            var (market, leaseId, tenant) = await LeaseRunningAsync(chain, node, "stop");
            await CommittedStepAsync(market, leaseId, atLeast: 2);

            await proxy.CloseAsync();
            var committed = (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.CheckpointStep;
            await Until(() => Task.FromResult(process.ErrorTail.Contains("onChainLoss stop", StringComparison.Ordinal)), "the node stops the workload");

            proxy.Open();
            var logs = string.Empty;
            await Until(async () => (logs = await LogsAsync(chain, tenant, node, leaseId)).Contains("resumed from step", StringComparison.Ordinal), "the workload resumes");
            _output.WriteLine(logs);
            var resumedStep = ulong.Parse(Regex.Match(logs, "resumed from step ([0-9]+)").Groups[1].Value, CultureInfo.InvariantCulture);

            // A checkpoint committed on-chain, no older than the last one committed before the cut (the one the workload
            // wrote when it was stopped may be committed after the reconnection, before the restart).
            Assert.True(resumedStep >= committed, $"resumed from {resumedStep}, below {committed} committed before the cut");
            Assert.Contains(resumedStep, await CommittedStepsAsync(chain, leaseId));
            // Restarted once: the guard resumes only on a heartbeat mined after the reconnection, so a heartbeat from
            // before the cut seen late cannot restart the workload into a second timeout.
            Assert.Contains("restart=1", logs, StringComparison.Ordinal);
            Assert.DoesNotContain("restart=2", logs, StringComparison.Ordinal);
            await Until(async () => (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.CheckpointStep > committed, "the node commits again");
            Assert.Equal(node.Owner.Address, (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.Provider, StringComparer.OrdinalIgnoreCase);
            await EndLeaseAsync(market, node, leaseId);
        }
        finally
        {
            _output.WriteLine(process.ErrorTail);
        }
    }

    [Fact]
    public async Task LeaseMovedWhileCutOff_OnReconnectTheNodeReadsItBack_AndKillsTheWorkloadAtOnce()
    {
        await using var chain = await ProtocolChain.StartAsync();
        await using var proxy = TcpProxy.Start(chain.Anvil.RpcUrl);
        var node = await RegisteredNodeAsync(chain, [proxy.Url]);
        await using var process = await node.RunAsync(Patience);
        try
        {
            var (market, leaseId, _) = await LeaseRunningAsync(chain, node, "keep");
            await CommittedStepAsync(market, leaseId, atLeast: 2);

            await proxy.CloseAsync();

            // Past the timeout on the chain's clock (which may run ahead of this machine's under load), then report.
            var timeout = (await chain.Connection.Registry().GetParametersAsync(CancellationToken.None)).HeartbeatTimeout;
            await chain.Anvil.IncreaseTimeAsync((long)timeout.TotalSeconds + 1);
            var reporter = chain.Market(await chain.FundedKeyAsync(tokens: 0));
            await reporter.ReportMissedHeartbeatAsync([leaseId], CancellationToken.None);
            var moved = (await market.GetLeaseAsync(leaseId, CancellationToken.None))!;
            Assert.NotEqual(LeaseState.Running, moved.State);
            var running = await NodeLeaseStatusAsync(node, leaseId);

            proxy.Open();
            await Until(async () => await NodeLeaseStatusAsync(node, leaseId) is "HandedOver" or "Closed", "the node ends the lease");
            Assert.Equal("Running", running);
            // Whichever comes first ends it: the read-back on reconnect or the chain event of the reassignment.
            Assert.Contains($"Lease {leaseId} moved away from epoch 0: its workload was killed", process.ErrorTail, StringComparison.Ordinal);
        }
        finally
        {
            _output.WriteLine(process.ErrorTail);
        }
    }

    [Fact]
    public async Task RestartExitCode_RestartsInPlace_FromAnExportOfTheLastCommittedCheckpoint()
    {
        await using var chain = await ProtocolChain.StartAsync();
        var node = await RegisteredNodeAsync(chain, [chain.Anvil.RpcUrl]);
        await using var process = await node.RunAsync(Patience);
        try
        {
            var environment = new Dictionary<string, string> { ["LOOP_STOP_AT_STEP"] = "9", ["LOOP_STOP_CODE"] = "75", ["LOOP_STOP_RUNS"] = "1" };
            var (market, leaseId, tenant) = await LeaseRunningAsync(chain, node, "keep", environment, restartExitCode: 75);

            var logs = string.Empty;
            await Until(async () => (logs = await LogsAsync(chain, tenant, node, leaseId)).Contains("resumed from step", StringComparison.Ordinal), "the workload restarts in place");
            _output.WriteLine(logs);

            var resumedStep = ulong.Parse(Regex.Match(logs, "resumed from step ([0-9]+)").Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.Contains("restart=1", logs, StringComparison.Ordinal);
            Assert.InRange(resumedStep, 2UL, 8UL);
            Assert.Equal(0UL, resumedStep % 2);
            Assert.True(Directory.Exists(Path.Combine(node.Directory, "data", "workloads", $"{leaseId}-0", "resume", $"step-{resumedStep}")));
            Assert.True(resumedStep <= (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.CheckpointStep);
            await EndLeaseAsync(market, node, leaseId);
        }
        finally
        {
            _output.WriteLine(process.ErrorTail);
        }
    }

    [Fact]
    public async Task FirstEndpointDies_TheSecondKeepsHeartbeatsFlowing()
    {
        await using var chain = await ProtocolChain.StartAsync();
        await using var first = TcpProxy.Start(chain.Anvil.RpcUrl);
        await using var second = TcpProxy.Start(chain.Anvil.RpcUrl);
        var node = await RegisteredNodeAsync(chain, [first.Url, second.Url]);
        await using var process = await node.RunAsync(Patience);
        var registry = chain.Connection.Registry();
        try
        {
            await Until(async () => (await registry.GetProviderAsync(node.Owner.Address, CancellationToken.None))!.LastHeartbeat > DateTimeOffset.UnixEpoch, "a heartbeat is mined");

            await first.CloseAsync();
            var before = (await registry.GetProviderAsync(node.Owner.Address, CancellationToken.None))!.LastHeartbeat;

            await Until(async () => (await registry.GetProviderAsync(node.Owner.Address, CancellationToken.None))!.LastHeartbeat >= before.AddSeconds(3), "heartbeats are mined through the second endpoint");
            Assert.Equal(TcpProxyMode.Closed, first.Mode);
            Assert.True(await registry.IsLiveAsync(node.Owner.Address, CancellationToken.None));
            await Until(async () => (await NodeChainStatusAsync(node)).GetProperty("endpoint").GetString() == second.Url.ToString(), "/status names the second endpoint");
            Assert.Equal("reachable", (await NodeChainStatusAsync(node)).GetProperty("state").GetString());
        }
        finally
        {
            _output.WriteLine(process.ErrorTail);
        }
    }

    public void Dispose() => _directory.Dispose();

    private async Task<DevnetNode> RegisteredNodeAsync(ProtocolChain chain, IReadOnlyList<Uri> rpcUrls)
    {
        var node = await DevnetNode.CreateAsync(chain, _directory.Combine("node"), "resilient", pricePerGpuSecond: 1000, rpcUrls: rpcUrls);

        // Nobody reports the provider while it is cut off: not even the node's own verifier (on by default in run).
        var config = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(node.ConfigFile))!;
        config["Verifier"] = new System.Text.Json.Nodes.JsonObject { ["Enabled"] = false };
        await File.WriteAllTextAsync(node.ConfigFile, config.ToJsonString());
        var register = await NodeCommandLine.RunAsync(Patience, "register", "--config", node.ConfigFile, "--owner-keystore", node.OwnerKeystore,
            "--owner-password-file", node.PasswordFile, "--stake", (chain.Deployment.Parameters.MinStakePerGpu * 4).ToString(CultureInfo.InvariantCulture), "-o", "json");
        Assert.True(register.ExitCode == 0, register.Error);
        return node;
    }
}
