using System.Numerics;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Tests.Support;

namespace DePinGpu.Protocol.Tests.Clients;

public sealed class StatefulLifecycleTests(ProtocolFixture fixture) : IClassFixture<ProtocolFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ProtocolChain _chain = fixture.Chain;

    private static OrderRequest Request(OrderKind kind, byte replicas, byte standbys, BigInteger maxPrice) => new(
        SpecCid: TestCids.Raw(7),
        Kind: kind,
        GpuModel: "RTX4090",
        MinVramGb: 16,
        GpusPerReplica: 1,
        Replicas: replicas,
        Standbys: standbys,
        MaxPricePerSecond: maxPrice,
        MaxDuration: TimeSpan.FromDays(1),
        BidWindow: TimeSpan.FromMinutes(10),
        Escrow: replicas * maxPrice * 3600 * 4);

    [Fact]
    public async Task StatefulLease_MissedHeartbeat_IsReportedAndHandedToTheFirstStandbyAtEpochOne()
    {
        var tenantKey = await _chain.FundedKeyAsync();
        var tenant = _chain.Market(tenantKey);
        var verifierKey = await _chain.FundedKeyAsync(tokens: 0);
        var verifier = _chain.Market(verifierKey);
        var primary = await _chain.RegisterProviderAsync();
        var firstStandby = await _chain.RegisterProviderAsync();
        var secondStandby = await _chain.RegisterProviderAsync();
        var startBlock = await _chain.Anvil.Rpc.GetBlockNumberAsync(None);

        var orderId = await tenant.CreateOrderWithPermitAsync(Request(OrderKind.Stateful, 1, 2, 1_000_000), DateTimeOffset.UtcNow.AddHours(1), None);
        await primary.Market.PlaceOfferAsync(orderId, 100, None);
        await firstStandby.Market.PlaceOfferAsync(orderId, 200, None);
        await secondStandby.Market.PlaceOfferAsync(orderId, 300, None);
        Assert.Equal([100, 200, 300], (await tenant.GetOffersAsync(orderId, None)).Select(o => (int)o.PricePerSecond));
        var finalized = await tenant.FinalizeOrderAsync(orderId, None);
        var leaseId = finalized.FirstLeaseId;
        Assert.Equal([firstStandby.Address.ToLowerInvariant(), secondStandby.Address.ToLowerInvariant()], finalized.Standbys);

        var assigned = (await tenant.GetLeaseAsync(leaseId, None))!;
        Assert.Equal((LeaseState.Assigned, primary.Address, 0u), (assigned.State, assigned.Provider, assigned.Epoch));
        await primary.Market.AckLeaseAsync(leaseId, 0, None);
        await _chain.Anvil.IncreaseTimeAsync(1);
        await primary.Registry.HeartbeatAsync(None);
        var commit = await primary.Market.CommitCheckpointAsync(leaseId, 0, TestCids.Raw(0), step: 1, sizeBytes: 4096, None);
        var checkpointTime = (await _chain.Anvil.Rpc.GetBlockHeaderAsync(commit.BlockNumber, None))!.Timestamp;
        Assert.Equal(1UL, (await tenant.GetLeaseAsync(leaseId, None))!.CheckpointStep);

        // The primary dies; the standbys keep heart-beating through the timeout.
        await _chain.Anvil.IncreaseTimeAsync(4);
        await firstStandby.Registry.HeartbeatAsync(None);
        await secondStandby.Registry.HeartbeatAsync(None);
        var early = await Assert.ThrowsAsync<ProviderStillLiveException>(() => verifier.ReportMissedHeartbeatAsync([leaseId], None));
        Assert.Equal(leaseId, early.LeaseId);
        await _chain.Anvil.IncreaseTimeAsync(4);
        await firstStandby.Registry.HeartbeatAsync(None);
        await secondStandby.Registry.HeartbeatAsync(None);
        var report = await verifier.ReportMissedHeartbeatAsync([leaseId], None);

        var reassigned = Assert.Single(report.Events.OfType<LeaseReassigned>());
        Assert.Equal((leaseId, 1u, LeaseReason.MissedHeartbeat), (reassigned.LeaseId, reassigned.NewEpoch, reassigned.Reason));
        Assert.Equal(primary.Address.ToLowerInvariant(), reassigned.PreviousProvider);
        var settled = report.Events.OfType<LeaseSettled>().Single(e => e.Provider == primary.Address.ToLowerInvariant());
        Assert.Equal(checkpointTime, settled.SettledUntil);
        var fault = Assert.Single(report.Events.OfType<FaultReported>());
        Assert.True(fault.Slashed > 0 && fault.FinderFee > 0);
        var handedOver = (await tenant.GetLeaseAsync(leaseId, None))!;
        Assert.Equal((LeaseState.Assigned, firstStandby.Address, 1u), (handedOver.State, handedOver.Provider, handedOver.Epoch));
        Assert.Equal(1UL, handedOver.CheckpointStep);
        Assert.True((await primary.Registry.GetProviderAsync(primary.Address, None))!.Jailed);
        Assert.Equal([secondStandby.Address], (await tenant.GetStandbysAsync(orderId, None)).Select(s => s.Provider));

        // Fencing: the old epoch is rejected with its values; the new provider resumes at epoch 1.
        var stale = await Assert.ThrowsAsync<StaleEpochException>(() => firstStandby.Market.AckLeaseAsync(leaseId, 0, None));
        Assert.Equal((leaseId, 0u, 1u), (stale.LeaseId, stale.Epoch, stale.CurrentEpoch));
        await firstStandby.Market.AckLeaseAsync(leaseId, 1, None);
        await firstStandby.Market.CommitCheckpointAsync(leaseId, 1, TestCids.Raw(2), 2, 4096, None);
        await _chain.Anvil.IncreaseTimeAsync(2);
        await firstStandby.Market.CompleteLeaseAsync(leaseId, 1, TestCids.Raw(3), None);
        var completed = (await tenant.GetLeaseAsync(leaseId, None))!;
        Assert.Equal((LeaseState.Closed, LeaseReason.Completed), (completed.State, completed.CloseReason));

        Assert.True(await verifier.WithdrawAsync(None) > 0);
        Assert.True(await _chain.Market(firstStandby.Owner).WithdrawAsync(None) > 0);
        var order = (await tenant.GetOrderAsync(orderId, None))!;
        Assert.Equal(OrderState.Closed, order.State);

        // The same story, as the event stream tells it.
        var events = await ReadMarketEventsAsync(startBlock);
        var leaseEvents = events.Where(e => e is LeaseAssigned or LeaseStarted or CheckpointCommitted or LeaseReassigned or LeaseCompleted)
            .Select(e => e.GetType().Name).ToArray();
        Assert.Equal(["LeaseAssigned", "LeaseStarted", "CheckpointCommitted", "LeaseReassigned", "LeaseAssigned", "LeaseStarted", "CheckpointCommitted", "LeaseCompleted"], leaseEvents);
        Assert.Equal(1u, events.OfType<LeaseAssigned>().Last().Epoch);
    }

    private async Task<IReadOnlyList<ChainEvent>> ReadMarketEventsAsync(ulong startBlock)
    {
        var directory = Path.Combine(Path.GetTempPath(), "depin-events-" + Guid.NewGuid().ToString("N"));
        using var store = new ChainCursorStore(Path.Combine(directory, "cursor.db"));
        var stream = new ChainEventStream(_chain.Anvil.Rpc, _chain.Connection.Events, store, new ChainEventStreamOptions { Name = "lifecycle", StartBlock = startBlock, Confirmations = 0 });
        var handler = new RecordingHandler();
        while (await stream.StepAsync(handler, None))
        {
        }

        Directory.Delete(directory, recursive: true);
        return handler.Live;
    }
}
