using System.Numerics;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Tests.Support;

namespace DePinGpu.Protocol.Tests.Clients;

public sealed class StatelessLifecycleTests(ProtocolFixture fixture) : IClassFixture<ProtocolFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ProtocolChain _chain = fixture.Chain;

    [Fact]
    public async Task StatelessOrder_ThreeReplicasOnDistinctProviders_SurviveAReplicaFailure_AndCloseWithRefund()
    {
        var tenantKey = await _chain.FundedKeyAsync();
        var tenant = _chain.Market(tenantKey);
        var providers = new List<TestProvider>();
        for (var i = 0; i < 4; i++)
        {
            providers.Add(await _chain.RegisterProviderAsync());
        }

        var maxPrice = new BigInteger(1_000_000);
        var request = new OrderRequest(TestCids.Raw(0), OrderKind.Stateless, "", 0, 1, 3, 1, maxPrice, TimeSpan.FromDays(1), TimeSpan.FromMinutes(5), 3 * maxPrice * 3600 * 2);
        var orderId = await tenant.CreateOrderAsync(request, None);
        for (var i = 0; i < providers.Count; i++)
        {
            await providers[i].Market.PlaceOfferAsync(orderId, 100 + i, None);
        }

        // After the bid window anyone may finalize; before it, only the tenant.
        var early = await Assert.ThrowsAsync<BidWindowOpenException>(() => providers[0].Market.FinalizeOrderAsync(orderId, None));
        Assert.Equal(orderId, early.OrderId);
        await _chain.Anvil.IncreaseTimeAsync(301);
        foreach (var provider in providers)
        {
            await provider.Registry.HeartbeatAsync(None);
        }

        var finalized = await providers[3].Market.FinalizeOrderAsync(orderId, None);
        Assert.Equal(3, finalized.LeaseCount);
        var leases = await tenant.GetOrderLeasesAsync(orderId, None);
        Assert.Equal(3, leases.Count);
        Assert.Equal(3, leases.Select(l => l.Provider).Distinct().Count());
        Assert.All(leases, l => Assert.Equal(OrderKind.Stateless, l.Kind));
        Assert.Equal([providers[3].Address], (await tenant.GetStandbysAsync(orderId, None)).Select(s => s.Provider));
        foreach (var lease in leases)
        {
            await providers.Single(p => p.Address == lease.Provider).Market.AckLeaseAsync(lease.LeaseId, 0, None);
        }

        Assert.All(await Task.WhenAll(leases.Select(l => tenant.IsLeaseLiveAsync(l.LeaseId, None))), Assert.True);

        // Replica 1's provider stops; the others and the standby keep heart-beating past the timeout.
        var failing = leases[1];
        await _chain.Anvil.IncreaseTimeAsync(7);
        foreach (var provider in providers.Where(p => p.Address != failing.Provider))
        {
            await provider.Registry.HeartbeatAsync(None);
        }

        Assert.False(await tenant.IsLeaseLiveAsync(failing.LeaseId, None));
        var report = await _chain.Market(await _chain.FundedKeyAsync(0)).ReportMissedHeartbeatAsync([failing.LeaseId], None);
        var reassigned = Assert.Single(report.Events.OfType<LeaseReassigned>());
        Assert.Equal(1u, reassigned.NewEpoch);
        var replacement = (await tenant.GetLeaseAsync(failing.LeaseId, None))!;
        Assert.Equal((providers[3].Address, 1u), (replacement.Provider, replacement.Epoch));
        await providers[3].Market.AckLeaseAsync(failing.LeaseId, 1, None);
        leases = await tenant.GetOrderLeasesAsync(orderId, None);
        Assert.All(leases, l => Assert.Equal(LeaseState.Running, l.State));
        Assert.Equal(3, leases.Select(l => l.Provider).Distinct().Count());

        // Top up one replica, then the tenant closes every replica and gets the unspent escrow back.
        await tenant.TopUpAsync(leases[0].LeaseId, 1_000, None);
        await _chain.Anvil.IncreaseTimeAsync(3);
        foreach (var provider in providers.Where(p => p.Address != failing.Provider))
        {
            // Closing pays each provider through its last heartbeat.
            await provider.Registry.HeartbeatAsync(None);
        }

        foreach (var lease in leases)
        {
            var closed = await tenant.CloseLeaseAsync(lease.LeaseId, None);
            Assert.Equal(LeaseReason.TenantClosed, Assert.Single(closed.Events.OfType<LeaseClosed>()).Reason);
        }

        Assert.True(await tenant.WithdrawableAsync(tenantKey.Address, None) > 0);
        var balanceBefore = await _chain.Connection.Token().BalanceOfAsync(tenantKey.Address, None);
        var refund = await tenant.WithdrawAsync(None);
        Assert.Equal(balanceBefore + refund, await _chain.Connection.Token().BalanceOfAsync(tenantKey.Address, None));
        Assert.Equal(OrderState.Closed, (await tenant.GetOrderAsync(orderId, None))!.State);
        foreach (var provider in providers.Where(p => p.Address != failing.Provider))
        {
            Assert.True(await _chain.Market(provider.Owner).WithdrawAsync(None) > 0);
        }
    }
}
