namespace DePinGpu.TenantCli.Gateway;

/// <summary>
/// A replica's live state: health (active probes and passive ejection), requests in flight (least-requests balancing)
/// and counters for the view. Thread-safe: requests and the prober update it concurrently.
/// </summary>
internal sealed class Replica
{
    private readonly Lock _gate = new();
    private int _inFlight;
    private int _failedRequests;
    private int _failedProbes;
    private long _requests;
    private long _failures;
    private int _addressRefused;

    /// <summary>Creates a replica that takes no traffic until its first successful probe.</summary>
    public Replica(ReplicaAddress address) => Address = address;

    /// <summary>Where it is.</summary>
    public ReplicaAddress Address { get; }

    /// <summary>Its health now.</summary>
    public ReplicaHealth Health { get; private set; } = ReplicaHealth.Pending;

    /// <summary>Requests sent to it that have not ended.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Attempts sent to it.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Attempts that failed on it.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>True once its node said it knows no service at this address: the discovery asks the node again.</summary>
    public bool IsAddressRefused => Volatile.Read(ref _addressRefused) == 1;

    /// <summary>True while it takes traffic.</summary>
    public bool Available => Health == ReplicaHealth.Healthy;

    /// <summary>An attempt starts on it.</summary>
    public void Begin()
    {
        Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _requests);
    }

    /// <summary>An attempt on it ended well.</summary>
    public void Succeeded()
    {
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Exchange(ref _failedRequests, 0);
    }

    /// <summary>An attempt on it failed; true when that ejected it (<paramref name="ejectAfter"/> failures in a row).</summary>
    public bool Failed(int ejectAfter)
    {
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _failures);
        var inARow = Interlocked.Increment(ref _failedRequests);
        lock (_gate)
        {
            if (inARow < ejectAfter || Health == ReplicaHealth.Ejected)
            {
                return false;
            }

            Health = ReplicaHealth.Ejected;
            return true;
        }
    }

    /// <summary>An attempt ended because the client left: says nothing about the replica.</summary>
    public void Abandoned() => Interlocked.Decrement(ref _inFlight);

    /// <summary>Its node refused the address (a node that lost the address it gave): the discovery asks for the lease's address again.</summary>
    public void AddressRefused() => Interlocked.Exchange(ref _addressRefused, 1);

    /// <summary>True once per refusal: the discovery asks again once, not at every refresh after.</summary>
    public bool TakeAddressRefused() => Interlocked.Exchange(ref _addressRefused, 0) == 1;

    /// <summary>A probe succeeded; returns the health it had before (Pending, Unhealthy or Ejected means it is admitted now).</summary>
    public ReplicaHealth ProbeSucceeded()
    {
        lock (_gate)
        {
            var before = Health;
            _failedProbes = 0;
            Interlocked.Exchange(ref _failedRequests, 0);
            Health = ReplicaHealth.Healthy;
            return before;
        }
    }

    /// <summary>A probe failed; true when that made a healthy replica unhealthy.</summary>
    public bool ProbeFailed(int unhealthyAfter)
    {
        lock (_gate)
        {
            _failedProbes++;
            if (Health != ReplicaHealth.Healthy || _failedProbes < unhealthyAfter)
            {
                return false;
            }

            Health = ReplicaHealth.Unhealthy;
            return true;
        }
    }
}
