namespace DePinGpu.TenantCli.Demo;

/// <summary>The recovery's durations in seconds (null where a moment was not seen), as the benchmark reports them.</summary>
/// <param name="Detection">Last on-chain heartbeat → report mined (block times).</param>
/// <param name="KillToReport">kill -9 → report seen mined.</param>
/// <param name="HandOver">Report seen mined → workload running on the standby.</param>
/// <param name="KillToRunning">kill -9 → workload running on the standby.</param>
/// <param name="KillToFirstCheckpoint">kill -9 → first checkpoint committed at the new epoch.</param>
/// <param name="StepsLost">Steps the killed workload was seen past its last committed checkpoint.</param>
/// <param name="LastCommittedStep">That checkpoint's step.</param>
internal sealed record RecoveryMeasures(double? Detection, double? KillToReport, double? HandOver, double? KillToRunning, double? KillToFirstCheckpoint, long StepsLost, long LastCommittedStep)
{
    /// <summary>The measures of one run.</summary>
    public static RecoveryMeasures Of(DemoObservations seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var timeline = seen.Timeline;
        var lastCommitted = seen.Of<Protocol.Events.Market.CheckpointCommitted>().Where(entry => entry.Event.Epoch == 0).Select(entry => (long)entry.Event.Step).DefaultIfEmpty(0).Max();
        return new RecoveryMeasures(
            DemoTimeline.Seconds(timeline.LastHeartbeat, timeline.ReportBlock),
            DemoTimeline.Seconds(timeline.Kill, timeline.ReportMined),
            DemoTimeline.Seconds(timeline.ReportMined, timeline.RunningAgain),
            DemoTimeline.Seconds(timeline.Kill, timeline.RunningAgain),
            DemoTimeline.Seconds(timeline.Kill, timeline.FirstNewCheckpoint),
            Math.Max(0, seen.LastStepBeforeKill - lastCommitted),
            lastCommitted);
    }
}
