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

namespace DePinGpu.ProviderNode.Tests.Connectivity;

/// <summary>
/// Losing the chain, with real processes: anvil with the contracts, a <c>depin-node</c> daemon that reaches anvil only
/// through <see cref="TcpProxy"/>s, and a tenant (the src/Protocol client, straight at anvil) running a shell-loop
/// workload with the Process runtime. Nobody reports the provider while it is cut off.
/// </summary>
public sealed class ChainLossEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
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
            Assert.Contains("restart=1", logs, StringComparison.Ordinal);
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
        }
        finally
        {
            _output.WriteLine(process.ErrorTail);
        }
    }

    public void Dispose() => _directory.Dispose();

    private async Task<DevnetNode> RegisteredNodeAsync(ProtocolChain chain, IReadOnlyList<Uri> rpcUrls)
    {
        var node = await DevnetNode.CreateAsync(chain, _directory.Combine("node"), "resilient", pricePerGpuSecond: 1000, rpcUrls);
        var register = await NodeCommandLine.RunAsync(Patience, "register", "--config", node.ConfigFile, "--owner-keystore", node.OwnerKeystore,
            "--owner-password-file", node.PasswordFile, "--stake", (chain.Deployment.Parameters.MinStakePerGpu * 4).ToString(CultureInfo.InvariantCulture), "-o", "json");
        Assert.True(register.ExitCode == 0, register.Error);
        return node;
    }

    private static async Task<(MarketClient Market, BigInteger LeaseId, WalletKey Tenant)> LeaseRunningAsync(
        ProtocolChain chain, DevnetNode node, string onChainLoss, IReadOnlyDictionary<string, string>? environment = null, int? restartExitCode = null)
    {
        var tenant = await chain.FundedKeyAsync();
        var market = chain.Market(tenant);
        var spec = Encoding.UTF8.GetBytes(SpecJson(onChainLoss, environment ?? new Dictionary<string, string>(), restartExitCode));
        var maxPrice = new BigInteger(5000);
        var orderId = await market.CreateOrderAsync(
            new OrderRequest(Cid.ForBlock(MulticodecCode.Raw, spec), OrderKind.Stateful, "RTX4090", 0, 1, 1, 1, maxPrice, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), maxPrice * 3600),
            CancellationToken.None);
        using var http = new HttpClient { BaseAddress = node.Api };
        await Until(async () =>
        {
            using var response = await http.PostAsync(new Uri("/uploads", UriKind.Relative), new ByteArrayContent(spec));
            return response.StatusCode == HttpStatusCode.Created;
        }, "the node accepts the spec");
        await Until(async () => (await market.GetOffersAsync(orderId, CancellationToken.None)).Count == 1, "the node offers");
        var leaseId = (await market.FinalizeOrderAsync(orderId, CancellationToken.None)).FirstLeaseId;
        await Until(async () => (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.State == LeaseState.Running, "the node acknowledges");
        return (market, leaseId, tenant);
    }

    private static async Task<ulong> CommittedStepAsync(MarketClient market, BigInteger leaseId, ulong atLeast)
    {
        await Until(async () => (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.CheckpointStep >= atLeast, $"step {atLeast} is committed");
        return (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.CheckpointStep;
    }

    private static async Task<IReadOnlyList<ulong>> CommittedStepsAsync(ProtocolChain chain, BigInteger leaseId)
    {
        var head = await chain.Anvil.Rpc.GetBlockNumberAsync(CancellationToken.None);
        var logs = await chain.Anvil.Rpc.GetLogsAsync(new LogFilter(0, head, [chain.Deployment.Contracts.Market], []), CancellationToken.None);
        return chain.Connection.Events.DecodeAll(logs).OfType<CheckpointCommitted>().Where(commit => commit.LeaseId == leaseId).Select(commit => commit.Step).ToArray();
    }

    /// <summary>Waits, on the clock the contract uses, until a whole heartbeat timeout has passed since the last mined heartbeat.</summary>
    private static async Task PastTheHeartbeatTimeoutAsync(ProtocolChain chain, DevnetNode node)
    {
        var registry = chain.Connection.Registry();
        var last = (await registry.GetProviderAsync(node.Owner.Address, CancellationToken.None))!.LastHeartbeat;
        var timeout = (await registry.GetParametersAsync(CancellationToken.None)).HeartbeatTimeout;
        await Until(() => Task.FromResult(DateTimeOffset.UtcNow > last + timeout + TimeSpan.FromSeconds(1)), "the heartbeat timeout passes");
        Assert.Equal(last, (await registry.GetProviderAsync(node.Owner.Address, CancellationToken.None))!.LastHeartbeat);
    }

    private static IEnumerable<ulong> LocalCheckpointSteps(DevnetNode node, BigInteger leaseId)
    {
        var workloads = Path.Combine(node.Directory, "data", "workloads");
        return Directory.Exists(workloads)
            ? Directory.EnumerateDirectories(workloads, $"{leaseId}-*")
                .SelectMany(folder => Directory.Exists(Path.Combine(folder, "checkpoints")) ? Directory.EnumerateDirectories(Path.Combine(folder, "checkpoints"), "step-*") : [])
                .Where(step => File.Exists(Path.Combine(step, ".complete")))
                .Select(step => ulong.Parse(Path.GetFileName(step)["step-".Length..], CultureInfo.InvariantCulture))
            : [];
    }

    /// <summary>The workload's output as the tenant reads it from the node (a request signed with the tenant's key).</summary>
    private static async Task<string> LogsAsync(ProtocolChain chain, WalletKey tenant, DevnetNode node, BigInteger leaseId)
    {
        var target = $"/leases/{leaseId}/logs";
        using var http = new HttpClient { BaseAddress = node.Api };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(target, UriKind.Relative));
        foreach (var (name, value) in TenantRequestSigner.Sign(tenant, chain.Deployment.ChainId, "GET", target, DateTimeOffset.UtcNow.AddMinutes(1)))
        {
            request.Headers.Add(name, value);
        }

        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            return string.Empty;
        }

        var lines = await response.Content.ReadFromJsonAsync<JsonElement>();
        return string.Join('\n', lines.EnumerateArray().Select(line => line.GetProperty("text").GetString()));
    }

    private static async Task EndLeaseAsync(MarketClient market, DevnetNode node, BigInteger leaseId)
    {
        await market.CloseLeaseAsync(leaseId, CancellationToken.None);
        await Until(async () => (await node.LeasesAsync()).EnumerateArray().Any(lease => lease.GetProperty("leaseId").GetString() == leaseId.ToString(CultureInfo.InvariantCulture)
            && lease.GetProperty("status").GetString() is "Closed" or "HandedOver"), "the node ends the lease and kills its workload");
    }

    private static string SpecJson(string onChainLoss, IReadOnlyDictionary<string, string> environment, int? restartExitCode)
    {
        var env = new JsonObject { ["LOOP_STEPS"] = "100000", ["LOOP_CHECKPOINT_EVERY"] = "2", ["LOOP_STEP_SECONDS"] = "0.25" };
        foreach (var (name, value) in environment)
        {
            env[name] = value;
        }

        var spec = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["runtime"] = "process",
            ["command"] = new JsonArray("/bin/sh", ShellLoopSpecs.Script),
            ["env"] = env,
            ["gracePeriodSeconds"] = 5,
            ["onChainLoss"] = onChainLoss,
        };
        if (restartExitCode is { } code)
        {
            spec["restartExitCode"] = code;
        }

        return spec.ToJsonString();
    }

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(200);
        }
    }
}
