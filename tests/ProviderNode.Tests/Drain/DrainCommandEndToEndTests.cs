using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Tests.Support;
using Xunit.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Drain;

/// <summary>
/// <c>depin-node drain</c> against a real daemon on anvil with the Process runtime: a Stateful workload that only
/// checkpoints when told to (SIGUSR1), drained while it runs.
/// </summary>
public sealed class DrainCommandEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = DevnetTenant.Patience;
    private readonly TemporaryDirectory _directory = new();
    private readonly ITestOutputHelper _output;

    public DrainCommandEndToEndTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Drain_StatefulLeaseRunning_CommitsFreshCheckpointReleasesWithoutFaultAndDaemonExitsZero()
    {
        await using var chain = await ProtocolChain.StartAsync();
        var node = await DevnetNode.CreateAsync(chain, _directory.Combine("node"), "drained", pricePerGpuSecond: 1000);
        var register = await NodeCommandLine.RunAsync(Patience, "register", "--config", node.ConfigFile, "--owner-keystore", node.OwnerKeystore,
            "--owner-password-file", node.PasswordFile, "--stake", (chain.Deployment.Parameters.MinStakePerGpu * 4).ToString(CultureInfo.InvariantCulture), "-o", "json");
        Assert.True(register.ExitCode == 0, register.Error);
        await using var daemon = await node.RunAsync(Patience);
        try
        {
            var market = chain.Market(await chain.FundedKeyAsync());
            var leaseId = await StartLeaseAsync(market, node);
            var before = (await chain.Connection.Registry().GetProviderAsync(node.Owner.Address, CancellationToken.None))!;

            var drain = await NodeCommandLine.RunAsync(Patience, "drain", "--config", node.ConfigFile, "-o", "json");
            Assert.True(drain.ExitCode == 0, drain.Output + drain.Error);
            Assert.Equal(0, await daemon.WaitForExitAsync(Patience));

            var report = JsonNode.Parse(drain.Output)!;
            Assert.True(report["daemonExited"]!.GetValue<bool>());
            var drained = Assert.Single(report["leases"]!.AsArray())!;
            Assert.Equal(leaseId.ToString(CultureInfo.InvariantCulture), drained["leaseId"]!.GetValue<string>());
            Assert.Equal("Stateful", drained["kind"]!.GetValue<string>());
            Assert.Equal("released", drained["stage"]!.GetValue<string>());
            Assert.Contains("CheckpointCommitted", drain.Error);

            var events = await DevnetTenant.MarketEventsAsync(chain);
            var commit = Assert.Single(events.OfType<CheckpointCommitted>(), committed => committed.LeaseId == leaseId);
            Assert.Equal(drained["checkpointStep"]!.GetValue<long>(), (long)commit.Step);
            Assert.Equal(drained["checkpointCid"]!.GetValue<string>(), commit.Cid!.ToString());
            var moved = Assert.Single(events.OfType<LeaseReassigned>(), reassigned => reassigned.LeaseId == leaseId);
            Assert.Equal(LeaseReason.Released, moved.Reason);
            Assert.Equal(node.Owner.Address, moved.PreviousProvider, StringComparer.OrdinalIgnoreCase);

            // No fault slash: releasing costs only the protocol's release fee (minorSlashBps of the position's stake,
            // docs/design.md §2), never the missed-heartbeat slash, and the provider is not jailed.
            var fault = Assert.Single(events.OfType<FaultReported>(), reported => reported.LeaseId == leaseId);
            Assert.Equal(LeaseReason.Released, fault.Reason);
            Assert.Equal(before.LockedStake * chain.Deployment.Parameters.MinorSlashBps / 10_000, fault.Slashed);
            var after = (await chain.Connection.Registry().GetProviderAsync(node.Owner.Address, CancellationToken.None))!;
            Assert.Equal(before.Stake - fault.Slashed, after.Stake);
            Assert.False(after.Jailed);
            Assert.DoesNotContain(events.OfType<FaultReported>(), reported => reported.Reason == LeaseReason.MissedHeartbeat);
            Assert.False(File.Exists(Path.Combine(node.Directory, "data", "api-admin-token")));

            // The drain leaves no checkpoint pinned but the committed one (the standby's fallback source): every
            // checkpoint imported around the stop (the SIGTERM checkpoint among them) and never committed is unpinned.
            using var store = await Ipfs.Storage.ContentStore.OpenAsync(new Ipfs.Blocks.BlockStoreOptions { RootPath = Path.Combine(node.Directory, "data", "blocks") });
            var checkpointPins = (await store.ListPinsAsync()).Where(pin => pin.Name.StartsWith("checkpoint ", StringComparison.Ordinal)).ToList();
            Assert.Equal([commit.Cid!.ToString()], checkpointPins.Select(pin => pin.Cid.ToString()));
        }
        finally
        {
            _output.WriteLine("node:\n" + daemon.ErrorTail);
        }
    }

    public void Dispose() => _directory.Dispose();

    private static async Task<BigInteger> StartLeaseAsync(MarketClient market, DevnetNode node)
    {
        // Checkpoints only on SIGUSR1 (the interval is never reached), so the one committed checkpoint is the drain's.
        var spec = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 1,
            ["runtime"] = "process",
            ["command"] = new JsonArray("/bin/sh", ShellLoopSpecs.Script),
            ["env"] = new JsonObject { ["LOOP_STEPS"] = "100000", ["LOOP_CHECKPOINT_EVERY"] = "100000", ["LOOP_STEP_SECONDS"] = "0.2" },
        }.ToJsonString());
        var price = new BigInteger(5000);
        var orderId = await market.CreateOrderAsync(
            new OrderRequest(Cid.ForBlock(MulticodecCode.Raw, spec), OrderKind.Stateful, "RTX4090", 0, 1, 1, 0, price, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), price * 3600), CancellationToken.None);
        await DevnetTenant.UploadAsync(node.Api, spec);
        await DevnetTenant.Until(async () => (await market.GetOffersAsync(orderId, CancellationToken.None)).Count == 1, "the node offers");
        var leaseId = (await market.FinalizeOrderAsync(orderId, CancellationToken.None)).FirstLeaseId;
        await DevnetTenant.Until(async () => (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.State == LeaseState.Running, "the lease runs");
        await DevnetTenant.Until(async () => (await node.LeasesAsync()).EnumerateArray().Any(lease => lease.GetProperty("status").GetString() == "Running"), "the workload runs");
        return leaseId;
    }
}
