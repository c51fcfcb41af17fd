using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Gateway;
using DePinGpu.Ipfs.UnixFs;
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
/// A hand-over with real processes: anvil with the contracts, one <c>depin-node</c> daemon named standby of an order
/// whose first provider is driven by the test (src/Protocol clients). The first provider commits a checkpoint, stops
/// heart-beating and is reported by the test; the lease moves to the daemon at epoch 1, which resumes the workload from
/// exactly the committed checkpoint (fetched through its content fetcher, a trustless gateway here, and verified).
/// </summary>
public sealed class HandoverEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly TemporaryDirectory _directory = new();
    private readonly ITestOutputHelper _output;

    public HandoverEndToEndTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public Task LeaseReassignedToTheNodesProviderAtEpochOne_ResumesFromTheCommittedCheckpoint_AndItsStepsContinue() =>
        HandOverAsync(standbys: 1);

    [Fact]
    public Task LeaseReopenedWithNoStandbyLeft_TheNodeOffersAReplacement_AndResumesFromTheCommittedCheckpoint() =>
        HandOverAsync(standbys: 0);

    [Fact]
    public async Task NodeRestartedAfterItsLeaseWasHandedOver_DoesNotRestartTheWorkload_AndEndsItsRecord()
    {
        await using var chain = await ProtocolChain.StartAsync();
        var node = await DevnetNode.CreateAsync(chain, _directory.Combine("active"), "active", pricePerGpuSecond: 2000);
        var register = await NodeCommandLine.RunAsync(Patience, "register", "--config", node.ConfigFile, "--owner-keystore", node.OwnerKeystore,
            "--owner-password-file", node.PasswordFile, "--stake", (chain.Deployment.Parameters.MinStakePerGpu * 4).ToString(CultureInfo.InvariantCulture), "-o", "json");
        Assert.True(register.ExitCode == 0, register.Error);
        var standby = await chain.RegisterProviderAsync();
        var market = chain.Market(await chain.FundedKeyAsync());
        var spec = Encoding.UTF8.GetBytes(SpecJson(steps: 100_000));
        var maxPrice = new BigInteger(5000);
        var orderId = await market.CreateOrderAsync(new OrderRequest(
            Cid.ForBlock(MulticodecCode.Raw, spec), OrderKind.Stateful, "RTX4090", 0, 1, 1, 1, maxPrice, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), maxPrice * 3600), CancellationToken.None);
        BigInteger leaseId;
        var firstRun = await node.RunAsync(Patience);
        try
        {
            await UploadAsync(node.Api, spec);
            await standby.Market.PlaceOfferAsync(orderId, 3000, CancellationToken.None);
            await Until(async () => (await market.GetOffersAsync(orderId, CancellationToken.None)).Count == 2, "the node offers");
            leaseId = (await market.FinalizeOrderAsync(orderId, CancellationToken.None)).FirstLeaseId;
            await Until(async () => await LeaseStatusAsync(node, leaseId) == "Running", "the node runs the workload");
        }
        finally
        {
            _output.WriteLine("active node, first run:\n" + firstRun.ErrorTail);
            await firstRun.DisposeAsync();
        }

        // The node is dead: it stops heart-beating, is reported, and the lease moves to the standby at epoch 1.
        await chain.Anvil.IncreaseTimeAsync((long)chain.Deployment.Parameters.HeartbeatTimeout + 1);
        await standby.Registry.HeartbeatAsync(CancellationToken.None);
        await chain.Market(await chain.FundedKeyAsync()).ReportMissedHeartbeatAsync([leaseId], CancellationToken.None);
        Assert.Equal(1u, (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.Epoch);

        await using var secondRun = await node.RunAsync(Patience);
        try
        {
            await Until(async () => await LeaseStatusAsync(node, leaseId) == "HandedOver", "the restarted node ends the lease it lost");
            Assert.DoesNotContain($"Started process workload", secondRun.ErrorTail, StringComparison.Ordinal);
            Assert.Contains($"Lease {leaseId} epoch 0 is not resumed after the restart", secondRun.ErrorTail, StringComparison.Ordinal);
        }
        finally
        {
            _output.WriteLine("active node, after the restart:\n" + secondRun.ErrorTail);
        }
    }

    public void Dispose() => _directory.Dispose();

    private static async Task<string?> LeaseStatusAsync(DevnetNode node, BigInteger leaseId)
    {
        var id = leaseId.ToString(CultureInfo.InvariantCulture);
        var leases = await node.LeasesAsync();
        return leases.EnumerateArray().Where(lease => lease.GetProperty("leaseId").GetString() == id).Select(lease => lease.GetProperty("status").GetString()).FirstOrDefault();
    }

    /// <summary>
    /// The node offers after the first provider (it gets the spec only then); with a standby position it is named standby
    /// and promoted by the report, without one its offer does not fit the book, the lease reopens and the node offers to
    /// replace the provider.
    /// </summary>
    private async Task HandOverAsync(byte standbys)
    {
        await using var chain = await ProtocolChain.StartAsync();
        var served = new MemoryBlockStore();
        await using var gateway = new TrustlessGateway(served, new GatewayOptions { Port = 0 });
        await gateway.StartAsync(CancellationToken.None);
        // Without a standby position the book holds one offer and a replacement may cost at most the winner's price.
        var node = await DevnetNode.CreateAsync(chain, _directory.Combine("standby"), "standby", pricePerGpuSecond: standbys == 0 ? 1000 : 2000);
        await UseGatewayAsync(node, gateway.BaseAddress);
        var register = await NodeCommandLine.RunAsync(Patience, "register", "--config", node.ConfigFile, "--owner-keystore", node.OwnerKeystore,
            "--owner-password-file", node.PasswordFile, "--stake", (chain.Deployment.Parameters.MinStakePerGpu * 4).ToString(CultureInfo.InvariantCulture), "-o", "json");
        Assert.True(register.ExitCode == 0, register.Error);
        await using var process = await node.RunAsync(Patience);
        try
        {
            await HandOverAsync(chain, node, served, standbys);
        }
        finally
        {
            _output.WriteLine("node:\n" + process.ErrorTail);
        }
    }

    private async Task HandOverAsync(ProtocolChain chain, DevnetNode node, MemoryBlockStore served, byte standbys)
    {
        var first = await chain.RegisterProviderAsync();
        await first.Registry.HeartbeatAsync(CancellationToken.None);
        var market = chain.Market(await chain.FundedKeyAsync());
        var spec = Encoding.UTF8.GetBytes(SpecJson());
        var maxPrice = new BigInteger(5000);
        var orderId = await market.CreateOrderAsync(new OrderRequest(
            Cid.ForBlock(MulticodecCode.Raw, spec), OrderKind.Stateful, "RTX4090", 0, 1, 1, standbys, maxPrice, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), maxPrice * 3600), CancellationToken.None);
        await first.Market.PlaceOfferAsync(orderId, 1000, CancellationToken.None);
        await UploadAsync(node.Api, spec);
        await Until(async () => (await market.GetOffersAsync(orderId, CancellationToken.None)).Count == 1 + standbys, "the node offers when there is room");
        var finalized = await market.FinalizeOrderAsync(orderId, CancellationToken.None);
        var leaseId = finalized.FirstLeaseId;
        Assert.Equal(standbys == 0 ? [] : [node.Owner.Address.ToLowerInvariant()], finalized.Standbys);
        await first.Market.AckLeaseAsync(leaseId, 0, CancellationToken.None);

        var checkpoint = await WriteCheckpointAsync(step: 3);
        var imported = await new UnixFsImporter().ImportAsync(checkpoint, served);
        await first.Market.CommitCheckpointAsync(leaseId, 0, imported.Cid, 3, imported.ContentSize, CancellationToken.None);

        // The first provider stops heart-beating; the node keeps doing so, so it is live when the report hands it the lease.
        await chain.Anvil.IncreaseTimeAsync((long)chain.Deployment.Parameters.HeartbeatTimeout + 1);
        var registry = chain.Registry(chain.Admin);
        await Until(async () => await registry.IsLiveAsync(node.Owner.Address, CancellationToken.None), "the node heart-beats after the time jump");
        Assert.False(await registry.IsLiveAsync(first.Address, CancellationToken.None));
        await ReportAsync(chain, leaseId);
        await Until(async () => (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.Provider is not null, "the lease has a new provider");
        var handedOver = (await market.GetLeaseAsync(leaseId, CancellationToken.None))!;
        Assert.Equal((1u, node.Owner.Address.ToLowerInvariant()), (handedOver.Epoch, handedOver.Provider!.ToLowerInvariant()));

        await Until(async () => (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.State == LeaseState.Closed, "the lease ends");
        var ended = (await market.GetLeaseAsync(leaseId, CancellationToken.None))!;
        Assert.Equal((LeaseReason.Completed, 1u), (ended.CloseReason, ended.Epoch));
        var commits = (await CommitsAsync(chain, leaseId)).Where(commit => commit.Epoch == 1).Select(commit => commit.Step).ToArray();
        // The resumed workload writes steps 4, 5 and 6; a checkpoint overtaken by a newer one before its commit could be
        // sent is never committed (the node commits the newest), which happens on a loaded machine: so the last (step 6)
        // is always committed and every commit continues from the resumed step 3, each newer than the one before.
        Assert.True(commits.Length >= 1 && commits[^1] == 6UL && commits[0] >= 4UL && commits.Zip(commits.Skip(1)).All(pair => pair.First < pair.Second),
            "committed steps at epoch 1: " + string.Join(", ", commits));
        var run = Path.Combine(node.Directory, "data", "workloads", $"{leaseId}-1");
        AssertSameFiles(checkpoint, Path.Combine(run, "resume"));
        Assert.Equal("6", (await File.ReadAllTextAsync(Path.Combine(run, "output", "result"))).Trim());
    }

    /// <summary>Reports the silent provider; the node runs the verifier role too and may have reported it first (then the report reverts).</summary>
    private static async Task ReportAsync(ProtocolChain chain, BigInteger leaseId)
    {
        try
        {
            await chain.Market(await chain.FundedKeyAsync()).ReportMissedHeartbeatAsync([leaseId], CancellationToken.None);
        }
        catch (DePinGpu.Protocol.Errors.ContractRevertException)
        {
            Assert.Equal(1u, (await chain.Market(chain.Admin).GetLeaseAsync(leaseId, CancellationToken.None))!.Epoch);
        }
    }

    private static string SpecJson(int steps = 6) => new JsonObject
    {
        ["schemaVersion"] = 1,
        ["runtime"] = "process",
        ["command"] = new JsonArray("/bin/sh", ShellLoopSpecs.Script),
        ["env"] = new JsonObject { ["LOOP_STEPS"] = steps.ToString(CultureInfo.InvariantCulture), ["LOOP_CHECKPOINT_EVERY"] = "1", ["LOOP_STEP_SECONDS"] = "0.3" },
    }.ToJsonString();

    /// <summary>Points the node's content fetcher at <paramref name="gateway"/> (Bitswap and gossip are not composed into the daemon yet).</summary>
    private static async Task UseGatewayAsync(DevnetNode node, Uri gateway)
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(node.ConfigFile))!.AsObject();
        config["GatewayClient"] = new JsonObject { ["Gateways"] = new JsonArray(gateway.ToString()) };
        await File.WriteAllTextAsync(node.ConfigFile, config.ToJsonString());
    }

    /// <summary>A checkpoint folder exactly as <c>samples/shell-loop</c> writes it.</summary>
    private async Task<string> WriteCheckpointAsync(int step)
    {
        var folder = _directory.Combine("first", $"step-{step}");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "state"), step.ToString(CultureInfo.InvariantCulture) + "\n");
        await File.WriteAllTextAsync(Path.Combine(folder, ".complete"), string.Empty);
        return folder;
    }

    private static void AssertSameFiles(string expected, string actual)
    {
        static string[] Names(string folder) => [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(folder, file)).Order(StringComparer.Ordinal)];
        Assert.Equal(Names(expected), Names(actual));
        foreach (var name in Names(expected))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(expected, name)), File.ReadAllBytes(Path.Combine(actual, name)));
        }
    }

    private static async Task UploadAsync(Uri api, byte[] spec)
    {
        using var http = new HttpClient { BaseAddress = api };
        await Until(async () =>
        {
            using var response = await http.PostAsync(new Uri("/uploads", UriKind.Relative), new ByteArrayContent(spec));
            return response.StatusCode == HttpStatusCode.Created;
        }, "the node accepts the spec once it has seen the order");
    }

    private static async Task<IReadOnlyList<CheckpointCommitted>> CommitsAsync(ProtocolChain chain, BigInteger leaseId)
    {
        var head = await chain.Anvil.Rpc.GetBlockNumberAsync(CancellationToken.None);
        var logs = await chain.Anvil.Rpc.GetLogsAsync(new LogFilter(0, head, [chain.Deployment.Contracts.Market], []), CancellationToken.None);
        return chain.Connection.Events.DecodeAll(logs).OfType<CheckpointCommitted>().Where(commit => commit.LeaseId == leaseId).ToArray();
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
