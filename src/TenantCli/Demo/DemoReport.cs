using System.Globalization;
using System.Numerics;

namespace DePinGpu.TenantCli.Demo;

/// <summary>The demo's closing report: timeline, money and verdict as text, and the same as <see cref="DemoResult"/>.</summary>
internal static class DemoReport
{
    /// <summary>The timeline's rows: what happened and seconds after the kill (null: not seen).</summary>
    public static IReadOnlyList<(string Moment, double? AfterKill)> TimelineRows(DemoObservations seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var timeline = seen.Timeline;
        var standby = seen.Of<Protocol.Events.Market.LeaseAssigned>().Where(entry => entry.Event.Epoch == 1).Select(entry => entry.Event.Provider).FirstOrDefault();
        return
        [
            ($"last on-chain heartbeat of {seen.KilledNode} (block time)", DemoTimeline.Seconds(timeline.Kill, timeline.LastHeartbeat)),
            ($"kill -9 {seen.KilledNode}", 0),
            ("report mined (verifier): slash, hand-over", DemoTimeline.Seconds(timeline.Kill, timeline.ReportMined)),
            ("standby's acknowledgement mined", DemoTimeline.Seconds(timeline.Kill, timeline.Acknowledged)),
            ($"workload running again{(standby is null ? string.Empty : " on the standby")}", DemoTimeline.Seconds(timeline.Kill, timeline.RunningAgain)),
            ("first new checkpoint committed", DemoTimeline.Seconds(timeline.Kill, timeline.FirstNewCheckpoint)),
            ("lease closed (job done)", DemoTimeline.Seconds(timeline.Kill, timeline.Closed)),
        ];
    }

    /// <summary>Prints timeline, money and verdict.</summary>
    public static void Print(DemoConsole console, DemoObservations seen, DevnetLayout devnet, MoneyReport money, IReadOnlyList<DemoCheck> checks, string chart)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(money);
        ArgumentNullException.ThrowIfNull(checks);
        console.Heading("5. Timeline (seconds after the kill; this machine's clock, chain events as the demo saw them mined)");
        foreach (var (moment, afterKill) in TimelineRows(seen))
        {
            console.Line($"  {(afterKill is { } seconds ? seconds.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) : "missing"),8} s  {moment}");
        }

        var measures = RecoveryMeasures.Of(seen);
        console.Line(string.Create(CultureInfo.InvariantCulture, $"  detection (last heartbeat → report, block times) {measures.Detection} s; hand-over (report → running) {measures.HandOver} s; kill → running again {measures.KillToRunning} s"));
        console.Line($"  steps lost: {measures.StepsLost} (workload seen at step {seen.LastStepBeforeKill}, resumed after committed step {measures.LastCommittedStep})");

        console.Heading("6. Money (wei; from LeaseMarket's events and balances, checked against the contracts' rules)");
        console.Line($"  escrow deposited by the tenant        {Wei(money.Escrow)}");
        console.Line($"  slash of {seen.KilledNode,-12}                {Wei(money.Slashed)}");
        console.Line($"  finder's fee to {(string.Equals(money.Reporter, devnet.Verifier, StringComparison.OrdinalIgnoreCase) ? "the verifier" : money.Reporter),-21} {Wei(money.FinderFee)}  (the rest of the slash went into the lease's escrow)");
        foreach (var provider in money.Providers)
        {
            console.Line($"  {provider.Node} earned ({provider.Role})".PadRight(39) + $"{Wei(provider.Earned)}  for {provider.PaidSeconds} s");
        }

        console.Line($"  tenant paid for compute               {Wei(money.TenantPaid)}  (protocol fees {Wei(money.ProtocolFees)})");
        console.Line($"  tenant paid for the lost {money.LostSeconds} s        {Wei(money.PaidForLostSeconds)}  (work after the last checkpoint is not paid)");
        console.Line($"  nobody paid for the {money.GapSeconds} s hand-over; tenant refund at the close {Wei(money.TenantRefund)}");

        console.Heading("7. Verdict");
        foreach (var check in checks)
        {
            console.Line($"  {(check.Passed ? "PASS" : "FAIL")}  {check.Name}: {check.Detail}");
        }

        var failed = checks.Count(check => !check.Passed);
        console.Line(string.Empty);
        console.Line(failed == 0
            ? $"VERDICT: PASS. The job survived the kill of {seen.KilledNode}: resumed on a standby from step {measures.LastCommittedStep + 1}, finished, and every wei is where the contracts say. Chart: {chart}"
            : $"VERDICT: FAIL. {failed} of {checks.Count} checks failed (above). Logs: {devnet.Directory}/logs. Chart: {chart}");
    }

    /// <summary>The result for -o json.</summary>
    public static DemoResult Result(DemoObservations seen, MoneyReport money, IReadOnlyList<DemoCheck> checks, string chart)
    {
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(money);
        var timeline = seen.Timeline;
        var moments = new Dictionary<string, DateTimeOffset?>
        {
            ["kill"] = timeline.Kill, ["lastHeartbeat"] = timeline.LastHeartbeat, ["reportBlock"] = timeline.ReportBlock, ["reportMined"] = timeline.ReportMined,
            ["acknowledged"] = timeline.Acknowledged, ["runningAgain"] = timeline.RunningAgain, ["firstNewCheckpoint"] = timeline.FirstNewCheckpoint, ["closed"] = timeline.Closed,
        };
        var amounts = new Dictionary<string, string>
        {
            ["escrow"] = Plain(money.Escrow), ["slashed"] = Plain(money.Slashed), ["finderFee"] = Plain(money.FinderFee), ["tenantPaid"] = Plain(money.TenantPaid),
            ["tenantPaidForLostWork"] = Plain(money.PaidForLostSeconds), ["lostSeconds"] = Plain(money.LostSeconds), ["tenantRefund"] = Plain(money.TenantRefund),
        };
        foreach (var provider in money.Providers)
        {
            amounts[provider.Node] = Plain(provider.Earned);
        }

        return new DemoResult(checks.All(check => check.Passed), Plain(seen.OrderId), Plain(seen.LeaseId), seen.KilledNode ?? string.Empty, RecoveryMeasures.Of(seen), moments, amounts, checks, chart);
    }

    private static string Wei(BigInteger wei) => wei.ToString("N0", CultureInfo.InvariantCulture).PadLeft(30);

    private static string Plain(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
