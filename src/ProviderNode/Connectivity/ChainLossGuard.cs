using System.Collections.Concurrent;
using DePinGpu.ProviderNode.Chain;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.JobSpecs;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Connectivity;

/// <summary>
/// Applies the spec's <c>onChainLoss: stop</c>: a workload whose spec asks for it is stopped (SIGTERM, then a kill after
/// its grace period) once a whole heartbeat timeout has passed without a mined heartbeat, and may start again from its
/// last committed checkpoint once the chain answers, every lease was read back and the lease is still this node's.
/// Workloads whose spec says <c>keep</c> (the default) are never touched.
/// </summary>
public sealed class ChainLossGuard
{
    private readonly ChainConnectivity _connectivity;
    private readonly MarketClient _market;
    private readonly ProviderAccount _account;
    private readonly ILogger<ChainLossGuard> _logger;
    private readonly ConcurrentDictionary<IWorkload, Watched> _watched = new();

    /// <summary>Creates the guard; it acts when the connectivity monitor calls <see cref="EnforceAsync"/>.</summary>
    public ChainLossGuard(ChainConnectivity connectivity, MarketClient market, ProviderAccount account, ILogger<ChainLossGuard> logger)
    {
        _connectivity = connectivity;
        _market = market;
        _account = account;
        _logger = logger;
    }

    /// <summary>Watches <paramref name="workload"/> while it runs under <paramref name="spec"/>; dispose the result when the run ended.</summary>
    public IDisposable Watch(IWorkload workload, JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.OnChainLoss == OnChainLossPolicy.Stop)
        {
            _watched[workload] = new Watched(spec);
        }

        return new Unwatch(this, workload);
    }

    /// <summary>True while a workload this guard stopped still runs under it (it waits to resume): probes stay frequent meanwhile.</summary>
    public bool HasStoppedWorkloads => _watched.Values.Any(watched => watched.Stopped);

    /// <summary>True when this guard stopped <paramref name="workload"/> because the chain was lost.</summary>
    public bool StoppedForChainLoss(IWorkload workload) =>
        _watched.TryGetValue(workload, out var watched) && watched.Stopped;

    /// <summary>Stops every watched workload once a whole heartbeat timeout has passed at <paramref name="now"/> without a mined heartbeat.</summary>
    public async Task EnforceAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!_connectivity.IsHeartbeatOverdue(now))
        {
            return;
        }

        var stopping = new List<Task>();
        foreach (var (workload, watched) in _watched)
        {
            if (watched.Stopped)
            {
                continue;
            }

            watched.Stopped = true;
            watched.LastMinedAtStop = _connectivity.LastMinedHeartbeat;
            ConnectivityLog.StoppingForChainLoss(_logger, workload.Lease.LeaseIdText, _connectivity.LastMinedHeartbeat, _connectivity.HeartbeatTimeout ?? TimeSpan.Zero);
            stopping.Add(workload.StopAsync(watched.Spec.GracePeriod, cancellationToken));
        }

        await Task.WhenAll(stopping).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until the chain answers, the leases were read back and a heartbeat is mined that is newer than both the
    /// last one known when <paramref name="workload"/> was stopped and the last one the reconnecting probe found; true
    /// when <paramref name="lease"/> is still this node's (restart its workload), false when it moved (do not).
    /// </summary>
    /// <remarks>
    /// Newer than the reconnecting probe's, not only than the stop's: a heartbeat mined just before the cut but first
    /// seen after it is newer than the one known at the stop and may still be inside the timeout for a moment. Resuming
    /// on it restarted the workload while heartbeats were not yet flowing again, and the next timeout stopped it a
    /// second time (the <c>stop</c> end-to-end test saw <c>DEPIN_RESTART_COUNT</c> 2 now and then).
    /// </remarks>
    public async Task<bool> WaitToResumeAsync(IWorkload workload, LeaseEpoch lease, CancellationToken cancellationToken)
    {
        var minedBefore = _watched.TryGetValue(workload, out var watched) ? watched.LastMinedAtStop : default;
        while (!_connectivity.MayCommit || _connectivity.LastMinedHeartbeat <= Later(minedBefore, _connectivity.MinedWhenRegained)
            || _connectivity.IsHeartbeatOverdue(DateTimeOffset.UtcNow))
        {
            await _connectivity.NextProbeAsync(cancellationToken).ConfigureAwait(false);
        }

        var owner = await _account.OwnerAsync(cancellationToken).ConfigureAwait(false);
        var onChain = await _market.GetLeaseAsync(lease.LeaseId, cancellationToken).ConfigureAwait(false);
        var ours = owner is not null && LeaseOnChain.IsHeldBy(onChain, owner, (long)lease.Epoch);
        if (ours)
        {
            ConnectivityLog.ResumingAfterChainLoss(_logger, lease.LeaseIdText);
        }

        return ours;
    }

    private static DateTimeOffset Later(DateTimeOffset first, DateTimeOffset second) => first > second ? first : second;

    private sealed class Watched(JobSpec spec)
    {
        public JobSpec Spec { get; } = spec;

        public bool Stopped { get; set; }

        public DateTimeOffset LastMinedAtStop { get; set; }
    }

    private sealed class Unwatch(ChainLossGuard guard, IWorkload workload) : IDisposable
    {
        public void Dispose() => guard._watched.TryRemove(workload, out _);
    }
}
