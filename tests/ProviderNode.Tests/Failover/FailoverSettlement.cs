using System.Numerics;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;

namespace DePinGpu.ProviderNode.Tests.Failover;

/// <summary>
/// Checks a failed-over lease's money to the wei, from the market's events and the accounts' state (nothing is
/// hard-coded but the order's terms read back from the chain): each faulty provider lost exactly its slash from its
/// stake, the reporter was credited exactly the finder's fee, each holder was paid exactly its price for the seconds
/// from its start to its cut-off (for a provider reported dead: its last committed checkpoint, never after), and the
/// tenant paid exactly what the holders were paid less what the slashes put back into the escrow.
/// </summary>
public static class FailoverSettlement
{
    private const int BasisPoints = 10_000;

    /// <summary>Runs every check on the closed lease of <paramref name="scenario"/>.</summary>
    public static async Task AssertExactAsync(FailoverScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var events = (await DevnetTenant.MarketEventsAsync(scenario.Chain)).Where(chainEvent => LeaseOf(chainEvent) == scenario.LeaseId).ToArray();
        var faults = events.OfType<FaultReported>().ToArray();
        Assert.NotEmpty(faults);
        var returnedToEscrow = BigInteger.Zero;
        foreach (var fault in faults)
        {
            returnedToEscrow += await FaultIsExactAsync(scenario, fault);
        }

        // Each reporter is a surviving node's verifier role, paid nothing else on this chain.
        foreach (var reporter in faults.GroupBy(fault => fault.Reporter.ToLowerInvariant()))
        {
            Assert.Contains(scenario.Nodes, node => string.Equals(node.Operator.Address, reporter.Key, StringComparison.OrdinalIgnoreCase));
            Assert.Equal(reporter.Aggregate(BigInteger.Zero, (sum, fault) => sum + fault.FinderFee), await scenario.Market.WithdrawableAsync(reporter.Key, CancellationToken.None));
        }

        var paid = BigInteger.Zero;
        foreach (var epoch in events.OfType<LeaseAssigned>().Select(assigned => assigned.Epoch).Distinct())
        {
            paid += await HolderPaidExactlyAsync(scenario, events, epoch);
        }

        var token = scenario.Chain.Connection.Token();
        var balance = await token.BalanceOfAsync(scenario.Tenant.Address, CancellationToken.None);
        var refundable = await scenario.Market.WithdrawableAsync(scenario.Tenant.Address, CancellationToken.None);
        Assert.Equal(paid - returnedToEscrow, scenario.TenantBalanceBefore - balance - refundable);
    }

    /// <summary>Checks one fault's slash and finder's fee; returns what it put back into the lease's escrow.</summary>
    private static async Task<BigInteger> FaultIsExactAsync(FailoverScenario scenario, FaultReported fault)
    {
        var order = (await scenario.Market.GetOrderAsync((await scenario.Market.GetLeaseAsync(scenario.LeaseId, CancellationToken.None))!.OrderId, CancellationToken.None))!;
        var parameters = scenario.Chain.Deployment.Parameters;
        var bps = fault.Reason == LeaseReason.MissedHeartbeat ? parameters.SlashBps : parameters.MinorSlashBps;
        Assert.Equal(order.StakePerPosition * bps / BasisPoints, fault.Slashed);
        Assert.Equal(fault.Slashed * parameters.FinderFeeBps / BasisPoints, fault.FinderFee);
        Assert.True(fault.Slashed > 0);

        var provider = (await scenario.Chain.Connection.Registry().GetProviderAsync(fault.Provider, CancellationToken.None))!;
        Assert.Equal(parameters.MinStakePerGpu * 4 - fault.Slashed, provider.Stake);
        var reportedAt = await RecoveryTimeline.BlockTimestampAsync(scenario, fault.BlockNumber);
        Assert.Equal(fault.Reason == LeaseReason.MissedHeartbeat, provider.JailedUntil.ToUnixTimeSeconds() > reportedAt);
        return fault.Slashed - fault.FinderFee;
    }

    /// <summary>Checks what the holder at <paramref name="epoch"/> was paid; returns it.</summary>
    private static async Task<BigInteger> HolderPaidExactlyAsync(FailoverScenario scenario, IReadOnlyList<ChainEvent> events, uint epoch)
    {
        var assigned = events.OfType<LeaseAssigned>().Single(assigned => assigned.Epoch == epoch);
        var settlements = events.OfType<LeaseSettled>().Where(settled => settled.Epoch == epoch).ToArray();
        var paid = settlements.Aggregate(BigInteger.Zero, (sum, settled) => sum + settled.ProviderAmount + settled.ProtocolFee);
        if (events.OfType<LeaseStarted>().SingleOrDefault(started => started.Epoch == epoch) is not { } started)
        {
            // Never acknowledged (a start timeout): never paid.
            Assert.Equal(BigInteger.Zero, paid);
            return paid;
        }

        var startedAt = await RecoveryTimeline.BlockTimestampAsync(scenario, started.BlockNumber);
        var cutoff = await CutoffAsync(scenario, events, epoch, startedAt);
        Assert.Equal((ulong)cutoff, settlements.Length == 0 ? (ulong)startedAt : settlements.Max(settled => settled.SettledUntil));
        Assert.Equal(assigned.PricePerSecond * (cutoff - startedAt), paid);
        return paid;
    }

    /// <summary>Where pay at <paramref name="epoch"/> must stop: the completion, or for a holder reported dead its last checkpoint (its start without one).</summary>
    private static async Task<BigInteger> CutoffAsync(FailoverScenario scenario, IReadOnlyList<ChainEvent> events, uint epoch, BigInteger startedAt)
    {
        if (events.OfType<LeaseCompleted>().SingleOrDefault(completed => completed.Epoch == epoch) is { } completed)
        {
            return await RecoveryTimeline.BlockTimestampAsync(scenario, completed.BlockNumber);
        }

        Assert.Contains(events.OfType<FaultReported>(), fault => fault.Epoch == epoch && fault.Reason == LeaseReason.MissedHeartbeat);
        var lastCommit = events.OfType<CheckpointCommitted>().LastOrDefault(commit => commit.Epoch == epoch);
        return lastCommit is null ? startedAt : await RecoveryTimeline.BlockTimestampAsync(scenario, lastCommit.BlockNumber);
    }

    private static BigInteger? LeaseOf(ChainEvent chainEvent) => chainEvent switch
    {
        FaultReported fault => fault.LeaseId,
        LeaseAssigned assigned => assigned.LeaseId,
        LeaseSettled settled => settled.LeaseId,
        LeaseStarted started => started.LeaseId,
        LeaseCompleted completed => completed.LeaseId,
        CheckpointCommitted commit => commit.LeaseId,
        _ => null,
    };
}
