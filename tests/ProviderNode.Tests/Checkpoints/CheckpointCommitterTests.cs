using System.Numerics;
using System.Threading.Channels;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Checkpoints;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.ProviderNode.Leases;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.Protocol.Wallets;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Checkpoints;

/// <summary>The commit gate against the real market on anvil: a running stateful lease with one standby.</summary>
public sealed class CheckpointCommitterTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Checkpoints_AreCommittedOnlyOnceAStandbyHoldsThem_AndOneNobodyHoldsIsNeverCommitted()
    {
        await using var chain = await ProtocolChain.StartAsync();
        var (active, standby, leaseId) = await RunningLeaseWithOneStandbyAsync(chain);
        var stranger = await chain.RegisterProviderAsync();
        using var content = new ContentStore(new MemoryBlockStore(), new ContentStoreOptions { PinDatabasePath = _directory.Combine("pins.db") });
        var bus = new NodeEventBus();
        using var holders = new CheckpointHolders(bus);
        await holders.StartAsync(CancellationToken.None);
        var announced = bus.Subscribe<OwnCheckpointImported>();
        var lease = new LeaseEpoch(leaseId, 0);
        var plan = new CheckpointCommitPlan(lease, new HashSet<string> { standby.Address.ToLowerInvariant() }, 1, TimeSpan.FromSeconds(5), null, null, Task.FromResult(true));
        var committer = new CheckpointCommitter(plan, active.Market, content, bus, holders, NullLogger.Instance);
        var watcher = new CheckpointWatcher(lease, _directory.Combine("checkpoints"), null, content, new UnixFsImporter(), new CheckpointWatcherOptions(),
            NullLogger.Instance, new CheckpointMetrics());
        var committed = new List<ulong>();
        var running = committer.RunAsync(watcher.Events, imported => committed.Add(imported.Step), CancellationToken.None);

        var first = await CheckpointAsync(watcher, 1);
        Assert.Equal(new OwnCheckpointImported(leaseId, 0, 1, first), await announced.ReadAsync().AsTask().WaitAsync(Patience));
        await ExpectAsync(committer.Outcomes, 1, CheckpointCommitOutcomeKind.AwaitingReplicas);
        bus.Publish(Held(leaseId, 0, 1, first, stranger.Address));
        bus.Publish(Held(leaseId, 1, 1, first, standby.Address));
        var second = await CheckpointAsync(watcher, 2);
        await ExpectAsync(committer.Outcomes, 2, CheckpointCommitOutcomeKind.AwaitingReplicas);
        Assert.Null((await chain.Market(active.Operator).GetLeaseAsync(leaseId, CancellationToken.None))!.CheckpointDigest);

        bus.Publish(Held(leaseId, 0, 2, second, standby.Address));
        await ExpectAsync(committer.Outcomes, 1, CheckpointCommitOutcomeKind.Superseded);
        await ExpectAsync(committer.Outcomes, 2, CheckpointCommitOutcomeKind.Committed);
        await AssertCommittedAsync(chain, leaseId, 2, second);

        var third = await CheckpointAsync(watcher, 3);
        await ExpectAsync(committer.Outcomes, 3, CheckpointCommitOutcomeKind.AwaitingReplicas);
        await ExpectAsync(committer.Outcomes, 3, CheckpointCommitOutcomeKind.NotReplicated);
        await AssertCommittedAsync(chain, leaseId, 2, second);

        var fourth = await CheckpointAsync(watcher, 4);
        await ExpectAsync(committer.Outcomes, 4, CheckpointCommitOutcomeKind.AwaitingReplicas);
        bus.Publish(Held(leaseId, 0, 4, fourth, standby.Address));
        await ExpectAsync(committer.Outcomes, 4, CheckpointCommitOutcomeKind.Committed);
        await AssertCommittedAsync(chain, leaseId, 4, fourth);
        await watcher.FinishAsync(CancellationToken.None);
        await running.WaitAsync(Patience);

        Assert.Equal([2UL, 4UL], committed);
        foreach (var unpinned in new[] { first, second, third })
        {
            Assert.Null(await content.GetPinAsync(unpinned));
        }

        Assert.NotNull(await content.GetPinAsync(fourth));
        await holders.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ReplicatedCheckpoint_WaitsForTheAcknowledgement_AndIsNeverCommittedWhenItFails()
    {
        await using var chain = await ProtocolChain.StartAsync();
        var (active, standby, leaseId) = await RunningLeaseWithOneStandbyAsync(chain);
        using var content = new ContentStore(new MemoryBlockStore(), new ContentStoreOptions { PinDatabasePath = _directory.Combine("pins.db") });
        var bus = new NodeEventBus();
        using var holders = new CheckpointHolders(bus);
        await holders.StartAsync(CancellationToken.None);
        var lease = new LeaseEpoch(leaseId, 0);
        var acknowledged = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var plan = new CheckpointCommitPlan(lease, new HashSet<string> { standby.Address.ToLowerInvariant() }, 1, TimeSpan.FromSeconds(30), null, null, acknowledged.Task);
        var committer = new CheckpointCommitter(plan, active.Market, content, bus, holders, NullLogger.Instance);
        var watcher = new CheckpointWatcher(lease, _directory.Combine("checkpoints"), null, content, new UnixFsImporter(), new CheckpointWatcherOptions(),
            NullLogger.Instance, new CheckpointMetrics());
        var committed = new List<ulong>();
        var running = committer.RunAsync(watcher.Events, imported => committed.Add(imported.Step), CancellationToken.None);

        var first = await CheckpointAsync(watcher, 1);
        await ExpectAsync(committer.Outcomes, 1, CheckpointCommitOutcomeKind.AwaitingReplicas);
        bus.Publish(Held(leaseId, 0, 1, first, standby.Address));
        // Replicated, but the acknowledgement is pending: the committer holds it (no outcome, nothing on-chain).
        Assert.False(committer.Outcomes.TryRead(out _));
        Assert.Null((await chain.Market(active.Operator).GetLeaseAsync(leaseId, CancellationToken.None))!.CheckpointDigest);

        acknowledged.SetResult(false);
        var failed = await ExpectAsync(committer.Outcomes, 1, CheckpointCommitOutcomeKind.Failed);
        Assert.Contains("not acknowledged", failed.Reason, StringComparison.Ordinal);
        await watcher.FinishAsync(CancellationToken.None);
        await running.WaitAsync(Patience);

        Assert.Empty(committed);
        Assert.Null((await chain.Market(active.Operator).GetLeaseAsync(leaseId, CancellationToken.None))!.CheckpointDigest);
        Assert.Null(await content.GetPinAsync(first));
        await holders.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void RequiredReplicas_AreTheSpecsButNeverMoreThanTheStandbysLeft()
    {
        Assert.Equal(1, CheckpointCommitPlan.Required(1, 2));
        Assert.Equal(2, CheckpointCommitPlan.Required(3, 2));
        Assert.Equal(0, CheckpointCommitPlan.Required(1, 0));
        Assert.Equal(0, CheckpointCommitPlan.Required(0, 2));
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>An order (1 replica, 1 standby) finalized to <c>active</c> with <c>standby</c> queued, and acknowledged.</summary>
    internal static async Task<(TestProvider Active, TestProvider Standby, BigInteger LeaseId)> RunningLeaseWithOneStandbyAsync(ProtocolChain chain)
    {
        var active = await chain.RegisterProviderAsync();
        var standby = await chain.RegisterProviderAsync();
        var tenant = chain.Market(await chain.FundedKeyAsync());
        var maxPrice = new BigInteger(5000);
        var orderId = await tenant.CreateOrderAsync(
            new OrderRequest(TestCids.Raw(9), OrderKind.Stateful, "RTX4090", 0, 1, 1, 1, maxPrice, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), maxPrice * 3600), CancellationToken.None);
        await active.Market.PlaceOfferAsync(orderId, 1000, CancellationToken.None);
        await standby.Market.PlaceOfferAsync(orderId, 2000, CancellationToken.None);
        var finalized = await tenant.FinalizeOrderAsync(orderId, CancellationToken.None);
        Assert.Equal([standby.Address.ToLowerInvariant()], finalized.Standbys);
        await active.Market.AckLeaseAsync(finalized.FirstLeaseId, 0, CancellationToken.None);
        return (active, standby, finalized.FirstLeaseId);
    }

    private async Task<Cid> CheckpointAsync(CheckpointWatcher watcher, ulong step)
    {
        var folder = _directory.Combine("checkpoints", $"step-{step}");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "state"), step.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await File.WriteAllTextAsync(Path.Combine(folder, ".complete"), string.Empty);
        var decided = await watcher.ScanAsync(CancellationToken.None);
        return Assert.IsType<CheckpointImported>(Assert.Single(decided)).Cid;
    }

    private static PeerCheckpointAnnounced Held(BigInteger leaseId, uint epoch, ulong step, Cid cid, string provider) =>
        new(leaseId, epoch, step, cid, provider.ToLowerInvariant(), WalletKey.Generate().PeerId, Held: true);

    private static async Task<CheckpointCommitOutcome> ExpectAsync(ChannelReader<CheckpointCommitOutcome> outcomes, ulong step, CheckpointCommitOutcomeKind kind)
    {
        var outcome = await outcomes.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.Equal((step, kind), (outcome.Step, outcome.Kind));
        return outcome;
    }

    private static async Task AssertCommittedAsync(ProtocolChain chain, BigInteger leaseId, ulong step, Cid cid)
    {
        var lease = (await chain.Market(chain.Admin).GetLeaseAsync(leaseId, CancellationToken.None))!;
        Assert.Equal(step, lease.CheckpointStep);
        Assert.True(CommittedCheckpointExporter.Matches(cid, lease.CheckpointDigest!));
    }
}
