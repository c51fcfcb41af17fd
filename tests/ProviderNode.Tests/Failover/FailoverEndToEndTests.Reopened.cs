using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;

namespace DePinGpu.ProviderNode.Tests.Failover;

/// <summary>Failover with no standby left: the lease reopens and a node outside the order takes it over.</summary>
public sealed partial class FailoverEndToEndTests
{
    /// <summary>
    /// An order with no standby: kill -9 the active node → a verifier reports it → the lease reopens (<c>LeaseReopened</c>)
    /// → a node that was never in the order offers a replacement and is assigned the lease at epoch 1 → it fetches the
    /// committed checkpoint over Bitswap from the one node that holds it (with no standby, the dead provider itself, whose
    /// machine comes back jailed and without the lease) and resumes from it: the workload's own step counter goes on from
    /// the committed step + 1 → it completes; the money is exact to the wei.
    /// </summary>
    [Fact]
    public async Task NoStandbyLeft_ActiveKilled_LeaseReopens_ANodeOutsideTheOrderReplacesIt_ResumingFromTheCommittedCheckpoint()
    {
        // One price for all: the book of a lease without standbys holds one offer, and a replacement may ask no more than it.
        await using var scenario = await FailoverScenario.StartAsync(_directory, _output, prices: [1000, 1000, 1000]);
        await scenario.OrderAsync(standbys: 0, offers: 1, TimeSpan.FromMinutes(5));
        var active = scenario.IndexOf(scenario.Active);
        await scenario.CommitsAtEpochAsync(0, 2);

        await scenario.KillAsync(active);
        var reopened = await scenario.ReopenedAsync();
        Assert.Equal(1u, reopened.Epoch);
        var resumedStep = (await scenario.CommitsAsync(0))[^1].Step;
        await scenario.RunAsync(active);

        var replacement = await scenario.AssignedAtAsync(reopened.Epoch);
        Assert.NotSame(scenario.Active, replacement);
        await scenario.CompletedAtAsync(reopened.Epoch);
        scenario.AssertResumedFrom(replacement, reopened.Epoch, resumedStep);
        Assert.All(await scenario.CommitsAsync(reopened.Epoch), commit => Assert.True(commit.Step > resumedStep));
        await FailoverSettlement.AssertExactAsync(scenario);
    }

    /// <summary>
    /// An order with no standby whose other nodes ask more than the tenant accepts: kill -9 the active node → reported →
    /// the lease reopens → nobody offers a replacement → once the offer window passed a verifier closes it with
    /// <c>closeDueLease</c> (NoReplacement) → the tenant gets back everything but the time up to the last checkpoint.
    /// </summary>
    [Fact]
    public async Task NoStandbyLeft_ActiveKilled_NobodyCanServe_AVerifierClosesTheLease_AndTheTenantIsRefunded()
    {
        var dear = (int)DevnetTenant.MaxPricePerSecond + 1000;
        await using var scenario = await FailoverScenario.StartAsync(_directory, _output, prices: [1000, dear, dear + 1000]);
        await scenario.OrderAsync(standbys: 0, offers: 1, bidWindow: TimeSpan.FromSeconds(60));
        await scenario.CommitsAtEpochAsync(0, 2);

        Assert.Same(scenario.Nodes[0], scenario.Active);
        await scenario.KillAsync(0);
        var reopened = await scenario.ReopenedAsync();
        await scenario.ClosedAtAsync(reopened.Epoch, LeaseReason.NoReplacement);

        var events = await DevnetTenant.MarketEventsAsync(scenario.Chain);
        Assert.DoesNotContain(events.OfType<LeaseAssigned>(), assigned => assigned.LeaseId == scenario.LeaseId && assigned.Epoch == reopened.Epoch);
        // Who closed it is read from the chain (the closing transaction's sender), not from a log tail: a node that lost
        // the receipt to an RPC blip and learned of the close from chain events logs no "Closed" line, yet closed it.
        var closer = await scenario.SenderOfAsync(events.OfType<LeaseClosed>().Single(closed => closed.LeaseId == scenario.LeaseId).TransactionHash);
        var verifiers = new[] { 1, 2 }.SelectMany(index => new[] { scenario.Nodes[index].Owner.Address, scenario.Nodes[index].Operator.Address });
        Assert.Contains(verifiers, address => string.Equals(address, closer, StringComparison.OrdinalIgnoreCase));
        await FailoverSettlement.AssertExactAsync(scenario);
    }
}
