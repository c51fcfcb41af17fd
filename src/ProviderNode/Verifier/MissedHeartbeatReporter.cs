using System.Numerics;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Events.Market;

namespace DePinGpu.ProviderNode.Verifier;

/// <summary>
/// Reports and closes with a dry run first: <c>reportMissedHeartbeat</c> is simulated on the pending block, leases the
/// chain refuses are taken out one by one (the contract names the lease in its error), and the rest go in ONE
/// transaction. A refusal that names a lease is an expected outcome (another verifier was first, the provider
/// heart-beat meanwhile) and comes back as a verdict; any other revert is a fault and is thrown.
/// </summary>
public sealed class MissedHeartbeatReporter
{
    private readonly MarketClient _market;

    /// <summary>Creates the reporter; <paramref name="market"/> must be able to send (a signing key).</summary>
    public MissedHeartbeatReporter(MarketClient market) => _market = market ?? throw new ArgumentNullException(nameof(market));

    /// <summary>The account reports are sent from (it receives the finder's fees).</summary>
    public string? Account => _market.Account;

    /// <summary>Reports <paramref name="leaseIds"/> (one provider's, at most one batch).</summary>
    public async Task<ReportResult> ReportAsync(IReadOnlyList<BigInteger> leaseIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leaseIds);
        var verdicts = new Dictionary<BigInteger, LeaseVerdict>();
        DateTimeOffset? retryAt = null;
        var remaining = leaseIds.Distinct().ToList();
        while (remaining.Count > 0)
        {
            try
            {
                await _market.SimulateReportMissedHeartbeatAsync(remaining, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (ContractRevertException refusal) when (Refused(refusal) is { } refused && remaining.Remove(refused.LeaseId))
            {
                verdicts[refused.LeaseId] = refused.Verdict;
                retryAt = Earlier(retryAt, refused.RetryAt);
            }
        }

        if (remaining.Count == 0)
        {
            return new ReportResult(verdicts, null, BigInteger.Zero, retryAt);
        }

        try
        {
            var receipt = await _market.ReportMissedHeartbeatAsync(remaining, cancellationToken).ConfigureAwait(false);
            var ours = receipt.Events.OfType<FaultReported>().Where(fault => string.Equals(fault.Reporter, Account, StringComparison.OrdinalIgnoreCase)).ToArray();
            foreach (var leaseId in remaining)
            {
                verdicts[leaseId] = ours.Any(fault => fault.LeaseId == leaseId) ? LeaseVerdict.Won : LeaseVerdict.Lost;
            }

            return new ReportResult(verdicts, receipt.TransactionHash, ours.Aggregate(BigInteger.Zero, (sum, fault) => sum + fault.FinderFee), retryAt);
        }
        catch (ContractRevertException refusal) when (Refused(refusal) is { } refused)
        {
            // Raced between the dry run and the block: the whole batch reverted (or was never sent, when the gas
            // estimate already saw it). The leases are re-read by the caller; nothing is retried here.
            foreach (var leaseId in remaining)
            {
                verdicts[leaseId] = refused.Verdict;
            }

            return new ReportResult(verdicts, null, BigInteger.Zero, Earlier(retryAt, refused.RetryAt));
        }
    }

    /// <summary>Closes a reopened lease past its offer deadline (anyone may), after a dry run.</summary>
    public async Task<ReportResult> CloseAsync(BigInteger leaseId, CancellationToken cancellationToken)
    {
        try
        {
            await _market.SimulateCloseDueLeaseAsync(leaseId, cancellationToken).ConfigureAwait(false);
            var receipt = await _market.CloseDueLeaseAsync(leaseId, cancellationToken).ConfigureAwait(false);
            var closed = receipt.Events.OfType<LeaseClosed>().Any(close => close.LeaseId == leaseId);
            return new ReportResult(new Dictionary<BigInteger, LeaseVerdict> { [leaseId] = closed ? LeaseVerdict.Won : LeaseVerdict.Lost }, receipt.TransactionHash, BigInteger.Zero, null);
        }
        catch (ContractRevertException refusal) when (Refused(refusal) is { } refused)
        {
            return new ReportResult(new Dictionary<BigInteger, LeaseVerdict> { [leaseId] = refused.Verdict }, null, BigInteger.Zero, refused.RetryAt);
        }
    }

    /// <summary>
    /// Reports an Assigned lease whose provider did not acknowledge by the deadline (the market hands it to the next
    /// standby or reopens it, and pays this account the finder's fee). The transaction's gas estimate is its dry run:
    /// a lease not due, or already reported by another verifier, reverts before anything is sent.
    /// </summary>
    public async Task<ReportResult> ReportStartTimeoutAsync(BigInteger leaseId, CancellationToken cancellationToken)
    {
        try
        {
            var receipt = await _market.ReportStartTimeoutAsync(leaseId, cancellationToken).ConfigureAwait(false);
            var ours = receipt.Events.OfType<FaultReported>()
                .Where(fault => fault.LeaseId == leaseId && string.Equals(fault.Reporter, Account, StringComparison.OrdinalIgnoreCase)).ToArray();
            return new ReportResult(new Dictionary<BigInteger, LeaseVerdict> { [leaseId] = ours.Length > 0 ? LeaseVerdict.Won : LeaseVerdict.Lost }, receipt.TransactionHash,
                ours.Aggregate(BigInteger.Zero, (sum, fault) => sum + fault.FinderFee), null);
        }
        catch (ContractRevertException refusal) when (Refused(refusal) is { } refused)
        {
            return new ReportResult(new Dictionary<BigInteger, LeaseVerdict> { [leaseId] = refused.Verdict }, null, BigInteger.Zero, refused.RetryAt);
        }
    }

    /// <summary>The verdict a lease-naming refusal means; null for a revert that is a fault.</summary>
    public static (BigInteger LeaseId, LeaseVerdict Verdict, DateTimeOffset? RetryAt)? Refused(ContractRevertException refusal) => refusal switch
    {
        ProviderStillLiveException live => (live.LeaseId, LeaseVerdict.NotYet, DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(live.LiveUntil, (ulong)long.MaxValue / 2)).AddSeconds(1)),
        LeaseNotDueException notDue => (notDue.LeaseId, LeaseVerdict.NotYet, null),
        AckDeadlineNotPassedException early => (early.LeaseId, LeaseVerdict.NotYet, DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(early.AckDeadline, (ulong)long.MaxValue / 2)).AddSeconds(1)),
        InvalidLeaseStateException state => (state.LeaseId, LeaseVerdict.Lost, null),
        LeaseEndedWhileLiveException ended => (ended.LeaseId, LeaseVerdict.Lost, null),
        LeaseNotFoundException missing => (missing.LeaseId, LeaseVerdict.Lost, null),
        _ => null,
    };

    private static DateTimeOffset? Earlier(DateTimeOffset? first, DateTimeOffset? second) =>
        first is null ? second : second is null ? first : first < second ? first : second;
}
