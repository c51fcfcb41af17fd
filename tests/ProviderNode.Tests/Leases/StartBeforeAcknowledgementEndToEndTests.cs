using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Tests.Support;
using Xunit.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Leases;

/// <summary>
/// A first holder starts its workload while its <c>ackLease</c> is still pending (real processes: anvil with the
/// contracts, one <c>depin-node</c> daemon). Anvil's automine is off after the finalize, so the acknowledgement stays
/// unmined while the test looks: the workload already runs and writes checkpoints, and nothing is committed. Then
/// either the acknowledgement is mined (the lease runs on and its checkpoints are committed) or the start deadline
/// passes first and it reverts (the workload is killed, nothing reached the chain: no commit, no payment, no slash).
/// </summary>
public sealed class StartBeforeAcknowledgementEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);
    private readonly TemporaryDirectory _directory = new();
    private readonly ITestOutputHelper _output;

    public StartBeforeAcknowledgementEndToEndTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task FirstHolder_StartsItsWorkloadBeforeTheAckIsMined_AndCommitsOnlyAfterIt()
    {
        await using var chain = await ProtocolChain.StartAsync();
        var node = await RegisteredNodeAsync(chain);
        await using var process = await node.RunAsync(Patience);
        try
        {
            var (market, leaseId) = await StartUnacknowledgedAsync(chain, node);

            await chain.Anvil.SetAutomineAsync(true);
            await chain.Anvil.MineAsync();
            await Until(async () => (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.State == LeaseState.Running, "the acknowledgement is mined");
            await Until(async () => await LeaseAsync(node, leaseId) is { } lease && lease.GetProperty("status").GetString() == "Running", "the node shows the lease Running");
            await Until(async () => (await CommitsAsync(chain, leaseId)).Count > 0, "a checkpoint is committed after the acknowledgement");
            Assert.True(await WorkloadProcessesAsync(node, leaseId) > 0, "the workload runs on after the acknowledgement");
        }
        finally
        {
            _output.WriteLine("node:\n" + process.ErrorTail);
        }
    }

    [Fact]
    public async Task FirstHolder_WhoseAckRevertsAfterTheWorkloadStarted_KillsIt_AndNothingReachesTheChain()
    {
        await using var chain = await ProtocolChain.StartAsync();
        var node = await RegisteredNodeAsync(chain);
        await using var process = await node.RunAsync(Patience);
        try
        {
            var (market, leaseId) = await StartUnacknowledgedAsync(chain, node);
            var tenant = (await market.GetOrderAsync((await market.GetLeaseAsync(leaseId, CancellationToken.None))!.OrderId, CancellationToken.None))!.Tenant;
            var tokens = chain.Connection.Token();
            var tenantBalance = await tokens.BalanceOfAsync(tenant, CancellationToken.None);
            var stake = await StakeAsync(chain, node);

            // The start deadline passes before the pending acknowledgement is mined: it reverts (AckDeadlinePassed).
            await chain.Anvil.IncreaseTimeAsync((long)chain.Deployment.Parameters.StartDeadline + 1);
            await chain.Anvil.SetAutomineAsync(true);
            await chain.Anvil.MineAsync();
            await Until(async () => await LeaseAsync(node, leaseId) is { } lease && lease.GetProperty("problem").GetString() is { } problem
                && problem.StartsWith("not acknowledged", StringComparison.Ordinal), "the node gives the lease up");
            await Until(async () => await WorkloadProcessesAsync(node, leaseId) == 0, "the workload is killed");

            var onChain = (await market.GetLeaseAsync(leaseId, CancellationToken.None))!;
            Assert.Equal((LeaseState.Assigned, 0u), (onChain.State, onChain.Epoch));
            Assert.Empty(await CommitsAsync(chain, leaseId));
            Assert.Equal(tenantBalance, await tokens.BalanceOfAsync(tenant, CancellationToken.None));
            Assert.Equal(stake, await StakeAsync(chain, node));
            Assert.NotEqual("Running", (await LeaseAsync(node, leaseId))!.Value.GetProperty("status").GetString());
        }
        finally
        {
            _output.WriteLine("node:\n" + process.ErrorTail);
        }
    }

    public void Dispose() => _directory.Dispose();

    private async Task<DevnetNode> RegisteredNodeAsync(ProtocolChain chain)
    {
        var node = await DevnetNode.CreateAsync(chain, _directory.Combine("node"), "node", pricePerGpuSecond: 2000);
        var register = await NodeCommandLine.RunAsync(Patience, "register", "--config", node.ConfigFile, "--owner-keystore", node.OwnerKeystore,
            "--owner-password-file", node.PasswordFile, "--stake", (chain.Deployment.Parameters.MinStakePerGpu * 4).ToString(CultureInfo.InvariantCulture), "-o", "json");
        Assert.True(register.ExitCode == 0, register.Error);
        return node;
    }

    /// <summary>
    /// Orders, waits for the node's offer, turns automine off and finalizes (mined by hand); returns once the workload
    /// runs and has written a checkpoint while the lease is still Assigned on-chain and nothing is committed.
    /// </summary>
    private static async Task<(MarketClient Market, BigInteger LeaseId)> StartUnacknowledgedAsync(ProtocolChain chain, DevnetNode node)
    {
        var market = chain.Market(await chain.FundedKeyAsync());
        var spec = Encoding.UTF8.GetBytes(SpecJson());
        var maxPrice = new BigInteger(5000);
        var orderId = await market.CreateOrderAsync(new OrderRequest(
            Cid.ForBlock(MulticodecCode.Raw, spec), OrderKind.Stateful, "RTX4090", 0, 1, 1, 0, maxPrice, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), maxPrice * 3600), CancellationToken.None);
        await UploadAsync(node.Api, spec);
        await Until(async () => (await market.GetOffersAsync(orderId, CancellationToken.None)).Count == 1, "the node offers");

        await chain.Anvil.SetAutomineAsync(false);
        var finalizing = market.FinalizeOrderAsync(orderId, CancellationToken.None);
        while (!finalizing.IsCompleted)
        {
            await chain.Anvil.MineAsync();
            await Task.WhenAny(finalizing, Task.Delay(200));
        }

        var leaseId = (await finalizing).FirstLeaseId;
        var checkpoints = Path.Combine(node.Directory, "data", "workloads", $"{leaseId}-0", "checkpoints");
        await Until(() => Task.FromResult(Directory.Exists(Path.Combine(checkpoints, "step-2"))), "the workload runs and checkpoints before any acknowledgement is mined");
        Assert.Equal(LeaseState.Assigned, (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.State);
        Assert.Empty(await CommitsAsync(chain, leaseId));
        Assert.NotEqual("Running", (await LeaseAsync(node, leaseId))!.Value.GetProperty("status").GetString());
        return (market, leaseId);
    }

    private static string SpecJson() => new JsonObject
    {
        ["schemaVersion"] = 1,
        ["runtime"] = "process",
        ["command"] = new JsonArray("/bin/sh", ShellLoopSpecs.Script),
        ["env"] = new JsonObject { ["LOOP_STEPS"] = "100000", ["LOOP_CHECKPOINT_EVERY"] = "1", ["LOOP_STEP_SECONDS"] = "0.3" },
        ["checkpoint"] = new JsonObject { ["replicas"] = 0 },
    }.ToJsonString();

    private static async Task<BigInteger> StakeAsync(ProtocolChain chain, DevnetNode node) =>
        (await chain.Registry(chain.Admin).GetProviderAsync(node.Owner.Address, CancellationToken.None))!.Stake;

    /// <summary>
    /// Processes whose environment names the lease (the workload's contract variables) and this node's folder: lease
    /// ids repeat across chains, and other tests or benchmarks on the machine run workloads of a "lease 1" too (a CI run
    /// counted a benchmark's workload as this one).
    /// </summary>
    private static Task<int> WorkloadProcessesAsync(DevnetNode node, BigInteger leaseId)
    {
        var marker = Encoding.UTF8.GetBytes($"DEPIN_LEASE_ID={leaseId}\0");
        var folder = Encoding.UTF8.GetBytes(node.Directory);
        var count = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc").Where(path => int.TryParse(Path.GetFileName(path), out _)))
        {
            try
            {
                var environment = File.ReadAllBytes(Path.Combine(directory, "environ")).AsSpan();
                if (environment.IndexOf(marker) >= 0 && environment.IndexOf(folder) >= 0)
                {
                    count++;
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process ended while it was being read, or is not ours to read: not the workload.
            }
        }

        return Task.FromResult(count);
    }

    private static async Task<List<CheckpointCommitted>> CommitsAsync(ProtocolChain chain, BigInteger leaseId)
    {
        var head = await chain.Anvil.Rpc.GetBlockNumberAsync(CancellationToken.None);
        var logs = await chain.Anvil.Rpc.GetLogsAsync(new LogFilter(0, head, [chain.Deployment.Contracts.Market], []), CancellationToken.None);
        return chain.Connection.Events.DecodeAll(logs).OfType<CheckpointCommitted>().Where(commit => commit.LeaseId == leaseId).ToList();
    }

    private static async Task<JsonElement?> LeaseAsync(DevnetNode node, BigInteger leaseId)
    {
        var id = leaseId.ToString(CultureInfo.InvariantCulture);
        foreach (var lease in (await node.LeasesAsync()).EnumerateArray())
        {
            if (lease.GetProperty("leaseId").GetString() == id)
            {
                return lease;
            }
        }

        return null;
    }

    private static async Task UploadAsync(Uri api, byte[] spec)
    {
        using var http = new HttpClient { BaseAddress = api };
        await Until(async () =>
        {
            using var response = await http.PostAsync(new Uri("/uploads", UriKind.Relative), new ByteArrayContent(spec));
            return response.IsSuccessStatusCode;
        }, "the node accepts the spec");
    }

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(100);
        }
    }
}
