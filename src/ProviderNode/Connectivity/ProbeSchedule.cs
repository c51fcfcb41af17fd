namespace DePinGpu.ProviderNode.Connectivity;

/// <summary>
/// When the <see cref="ChainConnectivityMonitor"/> probes next. While all is well (the chain answers, the leases were
/// read back, the heartbeat is not overdue, no stopped workload waits to resume) a probe only refreshes the last mined
/// heartbeat: every sixth of the registry's heartbeat timeout is enough (30 s on a 180 s timeout instead of every 2 s),
/// and the event stream's head poll wakes the monitor at once when the chain stops answering or answers again
/// (<see cref="DePinGpu.Protocol.Events.ChainHead"/>). A probe is also due the moment the last known heartbeat turns
/// a whole timeout old, so that <c>onChainLoss: stop</c> is decided on a fresh read, never on a stale one. Anything
/// else probes every <see cref="ConnectivityOptions.RecoveryProbeInterval"/>, as before.
/// </summary>
public static class ProbeSchedule
{
    /// <summary>The share of the heartbeat timeout between two probes while all is well.</summary>
    public const int TimeoutShare = 6;

    /// <summary>The wait before the next probe at <paramref name="now"/>.</summary>
    public static TimeSpan Delay(ConnectivityOptions options, ChainConnectivity connectivity, bool workloadsStopped, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connectivity);
        if (options.ProbeInterval is { } configured)
        {
            return configured;
        }

        var recovery = options.RecoveryProbeInterval;
        if (!connectivity.MayCommit || workloadsStopped || connectivity.HeartbeatTimeout is not { } timeout || timeout == TimeSpan.MaxValue)
        {
            return recovery;
        }

        var settled = Settled(timeout, recovery);
        var lastMined = connectivity.LastMinedHeartbeat;
        if (lastMined == default)
        {
            return settled;
        }

        var untilOverdue = lastMined + timeout - now;
        return untilOverdue <= TimeSpan.Zero ? recovery : untilOverdue < settled ? untilOverdue : settled;
    }

    /// <summary>A sixth of <paramref name="heartbeatTimeout"/>, at least <paramref name="recovery"/>, at most <see cref="ConnectivityOptions.MaxProbeInterval"/>.</summary>
    public static TimeSpan Settled(TimeSpan heartbeatTimeout, TimeSpan recovery)
    {
        var share = heartbeatTimeout / TimeoutShare;
        return share < recovery ? recovery : share > ConnectivityOptions.MaxProbeInterval ? ConnectivityOptions.MaxProbeInterval : share;
    }
}
