using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Car;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.TestSupport;
using Xunit.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Cli;

/// <summary>
/// The provider's whole path with real processes: anvil with the contracts, two <c>depin-node</c> daemons
/// registered by <c>depin-node register</c>, a tenant (the src/Protocol client) that orders and uploads the spec.
/// </summary>
public sealed class RunCommandEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly TemporaryDirectory _directory = new();
    private readonly ITestOutputHelper _output;

    public RunCommandEndToEndTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task TwoNodesBid_WinnerRunsProcessWorkload_CommitsThreeCheckpoints_CompletesAndWithdrawsWhatIsOwed()
    {
        await using var chain = await ProtocolChain.StartAsync();
        var cheap = await DevnetNode.CreateAsync(chain, _directory.Combine("cheap"), "cheap", pricePerGpuSecond: 1000);
        var dear = await DevnetNode.CreateAsync(chain, _directory.Combine("dear"), "dear", pricePerGpuSecond: 2000);
        foreach (var node in new[] { cheap, dear })
        {
            var register = await NodeCommandLine.RunAsync(Patience, "register", "--config", node.ConfigFile, "--owner-keystore", node.OwnerKeystore,
                "--owner-password-file", node.PasswordFile, "--stake", (chain.Deployment.Parameters.MinStakePerGpu * 4).ToString(CultureInfo.InvariantCulture), "-o", "json");
            Assert.True(register.ExitCode == 0, register.Error);
        }

        await using var cheapProcess = await cheap.RunAsync(Patience);
        await using var dearProcess = await dear.RunAsync(Patience);
        try
        {
            await RunHappyPathAsync(chain, cheap, dear);
        }
        finally
        {
            _output.WriteLine("cheap node:\n" + cheapProcess.ErrorTail + "\n\ndear node:\n" + dearProcess.ErrorTail);
        }
    }

    private async Task RunHappyPathAsync(ProtocolChain chain, DevnetNode cheap, DevnetNode dear)
    {

        var tenant = await chain.FundedKeyAsync();
        var market = chain.Market(tenant);
        var spec = Encoding.UTF8.GetBytes(SpecJson());
        var specCid = Cid.ForBlock(MulticodecCode.Raw, spec);
        var maxPrice = new BigInteger(5000);
        var orderId = await market.CreateOrderAsync(
            new OrderRequest(specCid, OrderKind.Stateful, "RTX4090", 0, 1, 1, 1, maxPrice, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), maxPrice * 3600), CancellationToken.None);
        await UploadAsync(cheap.Api, spec);
        await UploadAsync(dear.Api, spec);

        await Until(async () => (await market.GetOffersAsync(orderId, CancellationToken.None)).Count == 2, "both nodes offer");
        var finalized = await market.FinalizeOrderAsync(orderId, CancellationToken.None);
        var leaseId = finalized.FirstLeaseId;
        var lease = await market.GetLeaseAsync(leaseId, CancellationToken.None);
        Assert.Equal(cheap.Owner.Address, lease!.Provider, StringComparer.OrdinalIgnoreCase);

        await Until(async () => (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.State == LeaseState.Closed, "the lease ends");
        Assert.Equal(LeaseReason.Completed, (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.CloseReason);

        var commits = await CheckpointCommitsAsync(chain, leaseId);
        Assert.Equal([1UL, 2UL, 3UL], commits.Select(commit => commit.Step));
        foreach (var commit in commits)
        {
            Assert.Equal(commit.Step.ToString(CultureInfo.InvariantCulture), await ExportStateAsync(cheap.Api, commit.Cid!));
        }

        var owed = await market.WithdrawableAsync(cheap.Owner.Address, CancellationToken.None);
        Assert.True(owed > 0);
        var before = await chain.Connection.Token().BalanceOfAsync(cheap.Owner.Address, CancellationToken.None);
        var withdraw = await NodeCommandLine.RunAsync(Patience, "earnings", "withdraw", "--config", cheap.ConfigFile, "--owner-keystore", cheap.OwnerKeystore,
            "--owner-password-file", cheap.PasswordFile, "-o", "json");
        Assert.True(withdraw.ExitCode == 0, withdraw.Error);
        Assert.Equal(owed.ToString(CultureInfo.InvariantCulture), JsonNode.Parse(withdraw.Output)!["amount"]!.GetValue<string>());
        Assert.Equal(before + owed, await chain.Connection.Token().BalanceOfAsync(cheap.Owner.Address, CancellationToken.None));
        Assert.Equal(BigInteger.Zero, await market.WithdrawableAsync(cheap.Owner.Address, CancellationToken.None));
    }

    public void Dispose() => _directory.Dispose();

    private static string SpecJson() => new JsonObject
    {
        ["schemaVersion"] = 1,
        ["runtime"] = "process",
        ["command"] = new JsonArray("/bin/sh", ShellLoopSpecs.Script),
        ["env"] = new JsonObject { ["LOOP_STEPS"] = "3", ["LOOP_CHECKPOINT_EVERY"] = "1", ["LOOP_STEP_SECONDS"] = "0.5" },
        // No standby pin is required before a commit: this test has no gossip layer to carry the standby's announcements.
        ["checkpoint"] = new JsonObject { ["intervalSeconds"] = 1, ["replicas"] = 0 },
    }.ToJsonString();

    private static async Task UploadAsync(Uri api, byte[] spec)
    {
        using var http = new HttpClient { BaseAddress = api };
        await Until(async () =>
        {
            using var response = await http.PostAsync(new Uri("/uploads", UriKind.Relative), new ByteArrayContent(spec));
            return response.StatusCode == HttpStatusCode.Created;
        }, "the node accepts the spec once it has seen the order");
    }

    private static async Task<IReadOnlyList<CheckpointCommitted>> CheckpointCommitsAsync(ProtocolChain chain, BigInteger leaseId)
    {
        var head = await chain.Anvil.Rpc.GetBlockNumberAsync(CancellationToken.None);
        var logs = await chain.Anvil.Rpc.GetLogsAsync(new LogFilter(0, head, [chain.Deployment.Contracts.Market], []), CancellationToken.None);
        return chain.Connection.Events.DecodeAll(logs).OfType<CheckpointCommitted>().Where(commit => commit.LeaseId == leaseId).ToArray();
    }

    /// <summary>Fetches a checkpoint as a CAR from the node's trustless gateway and exports its <c>state</c> file.</summary>
    private async Task<string> ExportStateAsync(Uri api, Cid cid)
    {
        using var http = new HttpClient { BaseAddress = api };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/ipfs/{cid}?format=car", UriKind.Relative));
        request.Headers.Accept.ParseAdd("application/vnd.ipld.car");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var blocks = new MemoryBlockStore();
        var car = await CarReader.OpenAsync(await response.Content.ReadAsStreamAsync());
        while (await car.ReadBlockAsync() is { } block)
        {
            await blocks.PutAsync(block);
        }

        var destination = _directory.Combine("export-" + cid);
        await new UnixFsExporter(blocks).ExportAsync(cid, destination);
        return (await File.ReadAllTextAsync(Path.Combine(destination, "state"))).Trim();
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
