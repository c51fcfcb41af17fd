namespace DePinGpu.TenantCli.Demo;

/// <summary>
/// When each moment of the failover happened. Wall-clock times are this machine's clock: the kill when it was sent,
/// chain events when the demo saw them (it polls every 250 ms), the workload's start from the standby node's log
/// line. Block times are the chain's (whole seconds).
/// </summary>
internal sealed class DemoTimeline
{
    /// <summary>kill -9 sent to the active node (and its workload).</summary>
    public DateTimeOffset? Kill { get; set; }

    /// <summary>The killed provider's last on-chain heartbeat (block time).</summary>
    public DateTimeOffset? LastHeartbeat { get; set; }

    /// <summary>The report's block time.</summary>
    public DateTimeOffset? ReportBlock { get; set; }

    /// <summary>The report (FaultReported, LeaseReassigned, LeaseAssigned to the standby) seen mined.</summary>
    public DateTimeOffset? ReportMined { get; set; }

    /// <summary>The standby's acknowledgement (LeaseStarted at the new epoch) seen mined.</summary>
    public DateTimeOffset? Acknowledged { get; set; }

    /// <summary>The workload's first line on the standby (its node's time for the line).</summary>
    public DateTimeOffset? RunningAgain { get; set; }

    /// <summary>The first checkpoint committed at the new epoch, seen mined.</summary>
    public DateTimeOffset? FirstNewCheckpoint { get; set; }

    /// <summary>The lease closed, seen mined.</summary>
    public DateTimeOffset? Closed { get; set; }

    /// <summary>Seconds from <paramref name="from"/> to <paramref name="to"/>, null when either is missing.</summary>
    public static double? Seconds(DateTimeOffset? from, DateTimeOffset? to) =>
        from is { } start && to is { } end ? Math.Round((end - start).TotalSeconds, 2) : null;

    /// <summary>Every moment the demo must see; the names of those it did not.</summary>
    public IReadOnlyList<string> Missing() =>
        new (string Name, DateTimeOffset? Time)[]
        {
            ("kill", Kill), ("last heartbeat", LastHeartbeat), ("report mined", ReportMined), ("standby acknowledged", Acknowledged),
            ("workload running again", RunningAgain), ("first new checkpoint", FirstNewCheckpoint), ("lease closed", Closed),
        }.Where(moment => moment.Time is null).Select(moment => moment.Name).ToArray();
}
