using System.Numerics;
using DePinGpu.Protocol.Model;

namespace DePinGpu.ProviderNode.Verifier;

/// <summary>
/// The verifier's decision logic, free of I/O: the leases that are not closed, each provider's on-chain heartbeat and
/// its last gossip heartbeat, and from them what is due at a given time. It mirrors the market's rule: a Running lease
/// is reportable once the chain's time is past <c>max(lastHeartbeat, startedAt) + heartbeatTimeout</c> and that moment
/// is before the lease's end. Only the on-chain heartbeat decides a report; gossip silence only makes the verifier
/// re-read the chain sooner. Chain times are whole seconds and the contract compares strictly, so a deadline
/// <c>t</c> is due from <c>t + 1 s</c>. Not thread-safe: one verifier loop owns it.
/// </summary>
public sealed class LivenessBook
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private readonly Dictionary<BigInteger, WatchedLease> _leases = [];
    private readonly Dictionary<string, ProviderLiveness> _providers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<BigInteger, uint> _settledEpochs = [];
    private readonly Dictionary<BigInteger, DateTimeOffset> _closesDeferred = [];
    private readonly TimeSpan _gossipSilence;
    private readonly int _maxBatch;
    private string? _ownProvider;

    /// <summary>Creates an empty book.</summary>
    public LivenessBook(TimeSpan gossipSilence, int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(gossipSilence, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _gossipSilence = gossipSilence;
        _maxBatch = maxBatch;
    }

    /// <summary>Leases watched (not closed).</summary>
    public int LeaseCount => _leases.Count;

    /// <summary>True when <paramref name="provider"/> holds a watched lease.</summary>
    public bool Watches(string provider) => _leases.Values.Any(lease => Holds(lease, provider));

    /// <summary>The provider this verifier runs for (null: none known), whose leases it never watches.</summary>
    public string? OwnProvider => _ownProvider;

    /// <summary>
    /// This verifier runs inside <paramref name="provider"/>'s node: it must never report its own provider (a node
    /// that falls behind on its own heartbeats would slash itself and pay its own finder's fee), so that provider's
    /// leases are forgotten now and never tracked while it holds them.
    /// </summary>
    public void ExcludeOwnProvider(string provider)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        _ownProvider = provider;
        foreach (var lease in _leases.Values.Where(lease => Holds(lease, provider)).ToArray())
        {
            Forget(lease.LeaseId);
        }

        _providers.Remove(provider);
    }

    /// <summary>Records a lease as just read from the chain; a closed lease, or one of this verifier's own provider, is forgotten.</summary>
    public void Track(WatchedLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (lease.State is LeaseState.Closed or LeaseState.None || (_ownProvider is not null && Holds(lease, _ownProvider)))
        {
            Forget(lease.LeaseId);
            return;
        }

        _leases[lease.LeaseId] = lease;
        if (_settledEpochs.TryGetValue(lease.LeaseId, out var settled) && settled != lease.Epoch)
        {
            _settledEpochs.Remove(lease.LeaseId);
        }

        if (lease.Provider is { } provider && !_providers.ContainsKey(provider))
        {
            _providers[provider] = new ProviderLiveness();
        }
    }

    /// <summary>Stops watching a lease (closed or gone).</summary>
    public void Forget(BigInteger leaseId)
    {
        _leases.Remove(leaseId);
        _settledEpochs.Remove(leaseId);
        _closesDeferred.Remove(leaseId);
    }

    /// <summary>Records a provider's on-chain heartbeat as just read (the authority).</summary>
    public void RecordHeartbeat(string provider, DateTimeOffset lastHeartbeat)
    {
        var liveness = Liveness(provider);
        liveness.LastHeartbeat = lastHeartbeat;
        liveness.SilenceChecked = true;
    }

    /// <summary>
    /// Records a gossip heartbeat of a provider (an early sign of life, never a reason to report or not); ignored for
    /// providers that hold no watched lease, so gossip cannot grow the book.
    /// </summary>
    public void RecordGossip(string provider, DateTimeOffset sentAt)
    {
        if (!Watches(provider))
        {
            return;
        }

        var liveness = Liveness(provider);
        if (liveness.LastGossip is null || sentAt > liveness.LastGossip)
        {
            liveness.LastGossip = sentAt;
            liveness.SilenceChecked = false;
        }
    }

    /// <summary>
    /// Nothing more to do on this lease at its current epoch: reported or closed (by us or another verifier), or found
    /// not reportable. It is planned again once it is read back at another epoch.
    /// </summary>
    public void Settled(BigInteger leaseId)
    {
        if (_leases.TryGetValue(leaseId, out var lease))
        {
            _settledEpochs[leaseId] = lease.Epoch;
        }
    }

    /// <summary>The ids of the watched leases.</summary>
    public IReadOnlyList<BigInteger> LeaseIds => [.. _leases.Keys];

    /// <summary>Providers holding a watched Running lease.</summary>
    public IReadOnlyList<string> RunningProviders =>
        [.. _leases.Values.Where(lease => lease.State == LeaseState.Running && lease.Provider is not null).Select(lease => lease.Provider!).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// The chain said "not yet" for this provider: do not try its leases again before <paramref name="until"/> (a lower
    /// bound that stays; a later heartbeat moves the deadline past it anyway).
    /// </summary>
    public void DeferProvider(string provider, DateTimeOffset until) => Liveness(provider).DeferredUntil = until;

    /// <summary>The chain said "not yet" for closing this lease: do not try before <paramref name="until"/>.</summary>
    public void DeferClose(BigInteger leaseId, DateTimeOffset until) => _closesDeferred[leaseId] = until;

    /// <summary>The lease's deadline of life: after this (chain time) it is reportable; null when unknown or not Running.</summary>
    public DateTimeOffset? LiveUntil(WatchedLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (lease.State != LeaseState.Running || lease.Provider is null
            || !_providers.TryGetValue(lease.Provider, out var liveness) || liveness.LastHeartbeat is not { } heartbeat)
        {
            return null;
        }

        return (heartbeat > lease.StartedAt ? heartbeat : lease.StartedAt) + lease.HeartbeatTimeout;
    }

    /// <summary>What is due at <paramref name="now"/> (the chain's estimated time).</summary>
    public VerifierPlan Plan(DateTimeOffset now)
    {
        var next = new NextRound();
        var reportable = new SortedDictionary<string, List<BigInteger>>(StringComparer.OrdinalIgnoreCase);
        var closes = new List<BigInteger>();
        var startTimeouts = new List<BigInteger>();
        var reads = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var lease in _leases.Values.OrderBy(lease => lease.LeaseId))
        {
            if (_settledEpochs.TryGetValue(lease.LeaseId, out var settled) && settled == lease.Epoch)
            {
                continue;
            }

            if (lease.State == LeaseState.Running)
            {
                PlanRunning(lease, now, next, reportable, reads);
            }
            else if (lease.State == LeaseState.Reassigning && lease.ReassignDeadline is { } deadline)
            {
                PlanClose(lease.LeaseId, deadline + OneSecond, now, next, closes);
            }
            else if (lease.State == LeaseState.Assigned && lease.AckDeadline is { } ackDeadline)
            {
                // A provider named at a hand-over that never acknowledges (it died with the one it replaces) holds the
                // lease until someone reports the start timeout, which hands it to the next standby.
                PlanClose(lease.LeaseId, ackDeadline + OneSecond, now, next, startTimeouts);
            }
        }

        PlanGossipSilence(now, next, reads);
        var reports = reportable.SelectMany(pair => pair.Value.Chunk(_maxBatch).Select(chunk => new ProviderReport(pair.Key, chunk))).ToArray();
        return new VerifierPlan(reports, closes, [.. reads], next.At, startTimeouts);
    }

    private void PlanRunning(WatchedLease lease, DateTimeOffset now, NextRound next, SortedDictionary<string, List<BigInteger>> reportable, SortedSet<string> reads)
    {
        var liveness = _providers[lease.Provider!];
        if (LiveUntil(lease) is not { } liveUntil)
        {
            reads.Add(lease.Provider!);
            return;
        }

        if (liveUntil >= lease.EndsAt)
        {
            // The silence (if any) began after the lease's end: that is no fault, and nothing about it is due.
            return;
        }

        var dueAt = liveUntil + OneSecond;
        if (liveness.DeferredUntil is { } deferred && deferred > dueAt)
        {
            dueAt = deferred;
        }

        if (now < dueAt)
        {
            next.Offer(dueAt);
            return;
        }

        if (!reportable.TryGetValue(lease.Provider!, out var leases))
        {
            reportable[lease.Provider!] = leases = [];
        }

        leases.Add(lease.LeaseId);
    }

    private void PlanClose(BigInteger leaseId, DateTimeOffset dueAt, DateTimeOffset now, NextRound next, List<BigInteger> closes)
    {
        if (_closesDeferred.TryGetValue(leaseId, out var deferred) && deferred > dueAt)
        {
            dueAt = deferred;
        }

        if (now < dueAt)
        {
            next.Offer(dueAt);
        }
        else
        {
            closes.Add(leaseId);
        }
    }

    private void PlanGossipSilence(DateTimeOffset now, NextRound next, SortedSet<string> reads)
    {
        foreach (var (provider, liveness) in _providers)
        {
            if (liveness.LastGossip is not { } gossip || liveness.SilenceChecked || !HoldsRunning(provider))
            {
                continue;
            }

            var silentAt = gossip + _gossipSilence;
            if (now >= silentAt)
            {
                reads.Add(provider);
            }
            else
            {
                next.Offer(silentAt);
            }
        }
    }

    private bool HoldsRunning(string provider) =>
        _leases.Values.Any(lease => lease.State == LeaseState.Running && Holds(lease, provider));

    private static bool Holds(WatchedLease lease, string provider) =>
        string.Equals(lease.Provider, provider, StringComparison.OrdinalIgnoreCase);

    private ProviderLiveness Liveness(string provider)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        if (!_providers.TryGetValue(provider, out var liveness))
        {
            _providers[provider] = liveness = new ProviderLiveness();
        }

        return liveness;
    }

    private sealed class ProviderLiveness
    {
        public DateTimeOffset? LastHeartbeat { get; set; }

        public DateTimeOffset? LastGossip { get; set; }

        public bool SilenceChecked { get; set; }

        public DateTimeOffset? DeferredUntil { get; set; }
    }

    private sealed class NextRound
    {
        public DateTimeOffset? At { get; private set; }

        public void Offer(DateTimeOffset at)
        {
            if (At is null || at < At)
            {
                At = at;
            }
        }
    }
}
