using System.Numerics;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;

namespace DePinGpu.TenantCli.Demo;

/// <summary>
/// Works out what the contracts owe from their own rules (per-second price × the seconds between the block times of
/// start, last checkpoint and completion; slash and fee in basis points of the position's stake) and compares it with
/// what the market's events paid and its balances show.
/// </summary>
internal sealed class SettlementAudit
{
    private readonly DemoObservations _seen;
    private readonly DevnetLayout _devnet;
    private readonly List<DemoCheck> _checks = [];

    private SettlementAudit(DemoObservations seen, DevnetLayout devnet)
    {
        _seen = seen;
        _devnet = devnet;
    }

    /// <summary>The money report and its checks (after the lease closed).</summary>
    public static async Task<(MoneyReport Money, IReadOnlyList<DemoCheck> Checks)> AuditAsync(
        ProtocolConnection chain, DemoObservations seen, DevnetLayout devnet, BalanceSnapshot before, string tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var order = await chain.Market().GetOrderAsync(seen.OrderId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Order {seen.OrderId} is not in the market.");
        var parameters = await chain.Market().GetParametersAsync(cancellationToken).ConfigureAwait(false);
        var after = await BalanceSnapshot.ReadAsync(chain, Accounts(devnet, tenant), devnet.Nodes.Select(node => node.Owner), cancellationToken).ConfigureAwait(false);
        var audit = new SettlementAudit(seen, devnet);
        var money = audit.Compare(order.StakePerPosition, parameters.SlashBps, parameters.FinderFeeBps);
        audit.CompareBalances(money, before, after, tenant.ToLowerInvariant());
        return (money, audit._checks);
    }

    private MoneyReport Compare(BigInteger stakePerPosition, ushort slashBps, ushort finderFeeBps)
    {
        var escrow = _seen.Of<OrderCreated>().Select(entry => entry.Event.Escrow).FirstOrDefault();
        var fault = _seen.Of<FaultReported>().FirstOrDefault();
        var slashed = fault.Event?.Slashed ?? BigInteger.Zero;
        var finderFee = fault.Event?.FinderFee ?? BigInteger.Zero;
        var expectedSlash = stakePerPosition * slashBps / 10_000;
        Check("slash = the position's stake × slashBps", fault.Event is not null && slashed == expectedSlash, $"{slashed} wei, owed {stakePerPosition} × {slashBps} / 10000 = {expectedSlash}");
        Check("finder's fee = slash × finderFeeBps, to the verifier", fault.Event is not null && finderFee == slashed * finderFeeBps / 10_000 && Same(fault.Event.Reporter, _devnet.Verifier),
            $"{finderFee} wei to {fault.Event?.Reporter ?? "nobody"}, owed {slashed * finderFeeBps / 10_000} to {_devnet.Verifier}");

        var killedEpoch = Epoch(0);
        var checkpointAt = _seen.Of<CheckpointCommitted>().Where(entry => entry.Event.Epoch == 0).Select(entry => entry.BlockTime).DefaultIfEmpty().Max();
        var killedSeconds = Seconds(killedEpoch.StartedAt, checkpointAt);
        Check("the killed provider is paid exactly to its last committed checkpoint", killedEpoch.Gross == killedEpoch.Price * killedSeconds,
            $"paid {killedEpoch.Gross} wei, owed {killedEpoch.Price} wei/s × {killedSeconds} s (start → last checkpoint)");
        var lostSeconds = Seconds(checkpointAt, fault.BlockTime);
        var paidForLost = killedEpoch.Price * Math.Max(0, Seconds(checkpointAt, killedEpoch.SettledUntil));
        Check("the tenant pays nothing for the work lost after that checkpoint", fault.Event is not null && paidForLost.IsZero,
            $"settled until {killedEpoch.SettledUntil:HH:mm:ss}, checkpoint at {checkpointAt:HH:mm:ss}: {paidForLost} wei for {lostSeconds} lost s");

        var standbyEpoch = Epoch(1);
        var completedAt = _seen.Of<LeaseCompleted>().Select(entry => entry.BlockTime).FirstOrDefault();
        var standbySeconds = Seconds(standbyEpoch.StartedAt, completedAt);
        Check("the standby is paid exactly from its acknowledgement to completion", completedAt != default && standbyEpoch.Gross == standbyEpoch.Price * standbySeconds,
            $"paid {standbyEpoch.Gross} wei, owed {standbyEpoch.Price} wei/s × {standbySeconds} s");

        var settlements = _seen.Of<LeaseSettled>().Select(entry => entry.Event).ToArray();
        var paid = settlements.Aggregate(BigInteger.Zero, (sum, settled) => sum + settled.ProviderAmount + settled.ProtocolFee);
        var fees = settlements.Aggregate(BigInteger.Zero, (sum, settled) => sum + settled.ProtocolFee);
        var closed = _seen.Of<LeaseClosed>().Select(entry => entry.Event).FirstOrDefault();
        var refund = closed?.Refund ?? BigInteger.Zero;
        Check("the tenant's refund = escrow + slash − finder's fee − paid", closed is not null && refund == escrow + slashed - finderFee - paid,
            $"refund {refund} wei = {escrow} + {slashed} − {finderFee} − {paid}");

        var gap = Seconds(fault.BlockTime, standbyEpoch.StartedAt);
        return new MoneyReport(escrow, slashed, finderFee, fault.Event?.Reporter ?? string.Empty, paid, fees, refund, lostSeconds, paidForLost, gap, Earnings(settlements, slashed, killedSeconds, standbySeconds));
    }

    private IReadOnlyList<ProviderEarning> Earnings(IReadOnlyList<LeaseSettled> settlements, BigInteger slashed, long killedSeconds, long standbySeconds)
    {
        var active = _seen.Of<LeaseAssigned>().Select(entry => entry.Event).ToArray();
        return _devnet.Nodes.Select(node =>
        {
            var epochs = active.Where(assigned => Same(assigned.Provider, node.Owner)).Select(assigned => assigned.Epoch).ToArray();
            var role = epochs.Contains(0u) ? "active, killed" : epochs.Length > 0 ? "standby, took over" : _seen.Standbys.Any(standby => Same(standby, node.Owner)) ? "standby, not needed" : "no part";
            var earned = settlements.Where(settled => Same(settled.Provider, node.Owner)).Aggregate(BigInteger.Zero, (sum, settled) => sum + settled.ProviderAmount);
            var seconds = epochs.Contains(0u) ? killedSeconds : epochs.Length > 0 ? standbySeconds : 0;
            return new ProviderEarning(node.Name, node.Owner, role, earned, seconds, epochs.Contains(0u) ? slashed : BigInteger.Zero);
        }).ToArray();
    }

    private void CompareBalances(MoneyReport money, BalanceSnapshot before, BalanceSnapshot after, string tenant)
    {
        foreach (var provider in money.Providers)
        {
            var moved = after.Withdrawable[provider.Owner] - before.Withdrawable[provider.Owner];
            Check($"{provider.Node}'s withdrawable balance grew by its earnings", moved == provider.Earned, $"{moved} wei, events say {provider.Earned}");
            var stakeMoved = before.Stakes[provider.Owner] - after.Stakes[provider.Owner];
            Check($"{provider.Node}'s stake fell by its slash", stakeMoved == provider.Slashed, $"{stakeMoved} wei, slash {provider.Slashed}");
        }

        var verifierMoved = after.Withdrawable[_devnet.Verifier] - before.Withdrawable[_devnet.Verifier];
        Check("the verifier's withdrawable balance grew by the finder's fee", verifierMoved == money.FinderFee, $"{verifierMoved} wei, fee {money.FinderFee}");
        var tenantMoved = after.Withdrawable[tenant] - before.Withdrawable[tenant];
        Check("the tenant's withdrawable balance grew by the refund", tenantMoved == money.TenantRefund, $"{tenantMoved} wei, refund {money.TenantRefund}");
    }

    /// <summary>The accounts whose balances the demo audits: every provider, the verifier, the tenant.</summary>
    public static IEnumerable<string> Accounts(DevnetLayout devnet, string tenant)
    {
        ArgumentNullException.ThrowIfNull(devnet);
        return devnet.Nodes.Select(node => node.Owner).Append(devnet.Verifier).Append(tenant.ToLowerInvariant());
    }

    private (BigInteger Price, DateTimeOffset StartedAt, BigInteger Gross, DateTimeOffset SettledUntil) Epoch(uint epoch)
    {
        var price = _seen.Of<LeaseAssigned>().Where(entry => entry.Event.Epoch == epoch).Select(entry => entry.Event.PricePerSecond).FirstOrDefault();
        var startedAt = _seen.Of<LeaseStarted>().Where(entry => entry.Event.Epoch == epoch).Select(entry => entry.BlockTime).FirstOrDefault();
        var settled = _seen.Of<LeaseSettled>().Select(entry => entry.Event).Where(settled => settled.Epoch == epoch).ToArray();
        var gross = settled.Aggregate(BigInteger.Zero, (sum, entry) => sum + entry.ProviderAmount + entry.ProtocolFee);
        var until = settled.Length == 0 ? startedAt : DateTimeOffset.FromUnixTimeSeconds((long)settled.Max(entry => entry.SettledUntil));
        return (price, startedAt, gross, until);
    }

    private void Check(string name, bool passed, string detail) => _checks.Add(new DemoCheck(name, passed, detail));

    private static long Seconds(DateTimeOffset from, DateTimeOffset to) => from == default || to == default ? 0 : (long)(to - from).TotalSeconds;

    private static bool Same(string? left, string? right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);
}
