namespace DePinGpu.ProviderNode.Connectivity;

/// <summary>
/// What the node knows about its reach to the chain, as the <see cref="ChainConnectivityMonitor"/> last found it:
/// whether the RPC answers, the provider's last heartbeat recorded on-chain and the registry's heartbeat timeout.
/// Committing waits for <see cref="MayCommit"/>: the chain answers and every active lease was read back after the
/// last loss (a lease that moved while the node was cut off is never written to again).
/// </summary>
public sealed class ChainConnectivity
{
    private readonly object _gate = new();
    private bool _reachable;
    private bool _reconciled;
    private DateTimeOffset _lastMinedHeartbeat;
    private TimeSpan? _heartbeatTimeout;
    private DateTimeOffset? _lostSince;
    private DateTimeOffset? _reachableSince;
    private DateTimeOffset _minedWhenRegained;
    private Uri? _endpoint;
    private TaskCompletionSource _nextProbe = NewSignal();

    /// <summary>True while the last probe reached the chain.</summary>
    public bool IsReachable
    {
        get
        {
            lock (_gate)
            {
                return _reachable;
            }
        }
    }

    /// <summary>True when checkpoints and other lease calls may be sent: the chain answers and the leases were read back since the last loss.</summary>
    public bool MayCommit
    {
        get
        {
            lock (_gate)
            {
                return _reachable && _reconciled;
            }
        }
    }

    /// <summary>The provider's last heartbeat recorded on-chain, as last read (default before the first read).</summary>
    public DateTimeOffset LastMinedHeartbeat
    {
        get
        {
            lock (_gate)
            {
                return _lastMinedHeartbeat;
            }
        }
    }

    /// <summary>
    /// The last mined heartbeat as the probe that found the chain again read it: a heartbeat newer than this one was
    /// mined after the reconnection. One mined before (or during) a loss and first seen after it proves nothing about
    /// whether heartbeats flow again.
    /// </summary>
    public DateTimeOffset MinedWhenRegained
    {
        get
        {
            lock (_gate)
            {
                return _minedWhenRegained;
            }
        }
    }

    /// <summary>The registry's heartbeat timeout, once read.</summary>
    public TimeSpan? HeartbeatTimeout
    {
        get
        {
            lock (_gate)
            {
                return _heartbeatTimeout;
            }
        }
    }

    /// <summary>When the chain stopped answering; null while it answers.</summary>
    public DateTimeOffset? LostSince
    {
        get
        {
            lock (_gate)
            {
                return _lostSince;
            }
        }
    }

    /// <summary>True once a whole heartbeat timeout has passed at <paramref name="now"/> since the last heartbeat mined.</summary>
    public bool IsHeartbeatOverdue(DateTimeOffset now)
    {
        lock (_gate)
        {
            return _heartbeatTimeout is { } timeout && _lastMinedHeartbeat != default && now - _lastMinedHeartbeat >= timeout;
        }
    }

    /// <summary>Records a probe that reached the chain; true when the chain was lost (or never reached) before it.</summary>
    public bool Reached(DateTimeOffset lastMinedHeartbeat, TimeSpan heartbeatTimeout) =>
        Reached(lastMinedHeartbeat, heartbeatTimeout, null, DateTimeOffset.UtcNow);

    /// <summary>Records a probe that reached the chain at <paramref name="now"/> through <paramref name="endpoint"/>; true when the chain was lost (or never reached) before it.</summary>
    public bool Reached(DateTimeOffset lastMinedHeartbeat, TimeSpan heartbeatTimeout, Uri? endpoint, DateTimeOffset now)
    {
        lock (_gate)
        {
            var regained = !_reachable;
            _reachable = true;
            _lostSince = null;
            _reachableSince = regained ? now : _reachableSince;
            _endpoint = endpoint ?? _endpoint;
            _heartbeatTimeout = heartbeatTimeout;
            if (lastMinedHeartbeat > _lastMinedHeartbeat)
            {
                _lastMinedHeartbeat = lastMinedHeartbeat;
            }

            _minedWhenRegained = regained ? _lastMinedHeartbeat : _minedWhenRegained;
            return regained;
        }
    }

    /// <summary>Records a probe that could not reach the chain; true when it was reachable before.</summary>
    public bool Lost(DateTimeOffset now)
    {
        lock (_gate)
        {
            var lost = _reachable || _lostSince is null;
            _reachable = false;
            _reconciled = false;
            _reachableSince = null;
            _lostSince ??= now;
            return lost;
        }
    }

    /// <summary>Records that every active lease was read back from the chain; commits may go out again.</summary>
    public void Reconciled()
    {
        lock (_gate)
        {
            _reconciled = _reachable;
        }
    }

    /// <summary>What <c>/status</c> and <c>depin-node status</c> show: reachable or lost, since when, through which endpoint.</summary>
    public ChainConnectivityStatus Status()
    {
        lock (_gate)
        {
            var state = _reachable ? "reachable" : _lostSince is null ? "unknown" : "lost";
            return new ChainConnectivityStatus(state, _reachable ? _reachableSince : _lostSince, _endpoint?.ToString(), _reachable && _reconciled,
                _lastMinedHeartbeat == default ? null : _lastMinedHeartbeat);
        }
    }

    /// <summary>Wakes everyone waiting in <see cref="NextProbeAsync"/>: a probe just ended.</summary>
    public void ProbeEnded()
    {
        TaskCompletionSource ended;
        lock (_gate)
        {
            ended = _nextProbe;
            _nextProbe = NewSignal();
        }

        ended.TrySetResult();
    }

    /// <summary>Completes when the next probe has ended (its outcome recorded).</summary>
    public Task NextProbeAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _nextProbe.Task.WaitAsync(cancellationToken);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
