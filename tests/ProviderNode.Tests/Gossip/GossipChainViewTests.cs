using System.Numerics;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.ProviderNode.Gossip;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Events.Registry;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Gossip;

/// <summary>
/// The validators over the real chain view: anvil with the deployed contracts, the registry read by the
/// <see cref="OperatorDirectoryService"/>, leases read through <see cref="ChainLeaseParticipants"/>, and the events of a
/// real missed-heartbeat report applied by the <see cref="GossipChainEventHandler"/>.
/// </summary>
public sealed class GossipChainViewTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Validators_FollowTheChain_ThroughAHandOverAndAJailing()
    {
        await using var chain = await ProtocolChain.StartAsync();
        var primary = await chain.RegisterProviderAsync();
        var standby = await chain.RegisterProviderAsync();
        var tenant = chain.Market(await chain.FundedKeyAsync());
        var leaseId = await OpenLeaseAsync(chain, tenant, primary, standby);
        var directory = new OperatorDirectory();
        var leases = new LeaseParticipantsCache(ChainLeaseParticipants.Over(chain.Market(chain.Admin)), TimeProvider.System, TimeSpan.FromMinutes(10));
        var validator = new GossipValidator(directory, leases, new SequenceTracker(), TimeProvider.System, TimeSpan.FromSeconds(30));
        var options = new GossipOptions();
        var snapshots = new OperatorDirectoryService(directory, chain.Registry(chain.Admin), options, TimeProvider.System, NullLogger<OperatorDirectoryService>.Instance);
        var handler = new GossipChainEventHandler(directory, leases, snapshots);
        await snapshots.StartAsync(None);
        await WaitUntilAsync(() => directory.IsLoaded);
        await snapshots.StopAsync(None);

        Assert.Equal(primary.Address.ToLowerInvariant(), directory.Find(primary.Operator.PeerId)?.Provider);
        Assert.Equal(ValidationResult.Accept, await HeartbeatAsync(validator, primary, 1, new LeaseEpoch(leaseId, 0)));
        Assert.Equal(ValidationResult.Reject, await HeartbeatAsync(validator, standby, 1, new LeaseEpoch(leaseId, 0)));
        Assert.Equal(ValidationResult.Accept, await CheckpointAsync(validator, standby, 1, leaseId, held: true));

        var report = await ReportPrimaryAsync(chain, primary, standby, leaseId);
        await handler.HandleAsync(new ChainEventBatch(report.BlockNumber, report.BlockNumber, report.Events, new ChainPosition(report.BlockNumber, "0x")), None);

        Assert.Contains(report.Events, chainEvent => chainEvent is ProviderJailed);
        Assert.Equal(ValidationResult.Reject, await HeartbeatAsync(validator, primary, 2));
        Assert.Equal(ValidationResult.Accept, await HeartbeatAsync(validator, standby, 2, new LeaseEpoch(leaseId, 1)));
    }

    private static async Task<BigInteger> OpenLeaseAsync(ProtocolChain chain, MarketClient tenant, TestProvider primary, TestProvider standby)
    {
        var request = new OrderRequest(TestCids.Raw(7), OrderKind.Stateful, "RTX4090", 16, 1, 1, 1, 1_000_000, TimeSpan.FromDays(1), TimeSpan.FromMinutes(10), (BigInteger)1_000_000 * 3600 * 4);
        var orderId = await tenant.CreateOrderWithPermitAsync(request, DateTimeOffset.UtcNow.AddHours(1), None);
        await primary.Market.PlaceOfferAsync(orderId, 100, None);
        await standby.Market.PlaceOfferAsync(orderId, 200, None);
        var leaseId = (await tenant.FinalizeOrderAsync(orderId, None)).FirstLeaseId;
        await primary.Market.AckLeaseAsync(leaseId, 0, None);
        await chain.Anvil.IncreaseTimeAsync(1);
        return leaseId;
    }

    private static async Task<ContractReceipt> ReportPrimaryAsync(ProtocolChain chain, TestProvider primary, TestProvider standby, BigInteger leaseId)
    {
        // The primary stops heart-beating on-chain; the standby keeps going through the timeout, then anyone reports.
        await primary.Registry.HeartbeatAsync(None);
        for (var round = 0; round < 2; round++)
        {
            await chain.Anvil.IncreaseTimeAsync(4);
            await standby.Registry.HeartbeatAsync(None);
        }

        return await chain.Market(await chain.FundedKeyAsync(tokens: 0)).ReportMissedHeartbeatAsync([leaseId], None);
    }

    private static async Task<ValidationResult> HeartbeatAsync(GossipValidator validator, TestProvider sender, ulong sequence, params LeaseEpoch[] leases)
    {
        var bytes = GossipEncoder.Encode(new HeartbeatMessage(new GossipHeader(sender.Address.ToLowerInvariant(), sequence, DateTimeOffset.UtcNow), leases));
        return (await validator.ValidateAsync(GossipTopicKind.Heartbeats, GossipWorld.Signed(bytes, sender.Operator.PeerId), None)).Result;
    }

    private static async Task<ValidationResult> CheckpointAsync(GossipValidator validator, TestProvider sender, ulong sequence, BigInteger leaseId, bool held)
    {
        var message = new CheckpointAnnouncement(new GossipHeader(sender.Address.ToLowerInvariant(), sequence, DateTimeOffset.UtcNow), leaseId, 0, 1, Cid.ForBlock(MulticodecCode.DagPb, "x"u8), held);
        return (await validator.ValidateAsync(GossipTopicKind.Checkpoints, GossipWorld.Signed(GossipEncoder.Encode(message), sender.Operator.PeerId), None)).Result;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The registry was not read in 30 s.");
            }

            await Task.Delay(20);
        }
    }
}
