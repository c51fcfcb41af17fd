using System.Numerics;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;

namespace DePinGpu.Chaos.Tests.Checking;

/// <summary>
/// The checker run after every scenario (issue 18 §1), over the chain's events and the workloads' own step log: no
/// lease without a running holder beyond the bound; never two holders running a lease's steps after the hand-over was
/// known; no committed checkpoint that no live node can serve; steps continue from the resumed checkpoint; the tokens
/// the contracts hold equal every balance, escrow and stake; no provider slashed while its heartbeats were on time.
/// </summary>
public static class HistoryChecker
{
    /// <summary>Checks <paramref name="history"/>; <paramref name="scratch"/> is a folder for exported checkpoints.</summary>
    public static async Task<CheckResult> CheckAsync(ScenarioHistory history, CheckerBounds bounds, string scratch)
    {
        ArgumentNullException.ThrowIfNull(history);
        var violations = new List<string>();
        var longest = await HolderChecks.LeasesAlwaysHeldAsync(history, bounds, violations);
        await HolderChecks.SingleHolderAsync(history, bounds, violations);
        await CheckpointChecks.LastCommitServableAsync(history, scratch, violations);
        await CheckpointChecks.ResumesContinueAsync(history, violations);
        await SlashChecks.NoSlashOnTimeAsync(history, bounds, violations);

        var (market, registry) = await TokenLedger.UnaccountedAsync(history.Chain, history.ChainEvents);
        if (market != 0 || registry != 0)
        {
            violations.Add($"tokens unaccounted for: market {market}, registry {registry}");
        }

        var reassignments = history.Leases.Sum(lease => history.ChainEvents.OfLease<LeaseReassigned>(lease.LeaseId).Count);
        return new CheckResult(violations, longest, reassignments, await LeasesLostAsync(history), BigInteger.Abs(market) + BigInteger.Abs(registry));
    }

    /// <summary>Leases the tenant did not end that are no longer running (closed for want of a provider, or waiting for one).</summary>
    private static async Task<int> LeasesLostAsync(ScenarioHistory history)
    {
        var market = history.Chain.Connection.Market();
        var lost = 0;
        foreach (var lease in history.Leases.Where(lease => !lease.EndedByTenant))
        {
            var details = (await market.GetLeaseAsync(lease.LeaseId, CancellationToken.None))!;
            if (details.State != LeaseState.Running && !(details.State == LeaseState.Closed && details.CloseReason == LeaseReason.Completed))
            {
                lost++;
            }
        }

        return lost;
    }
}
