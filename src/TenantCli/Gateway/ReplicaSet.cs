namespace DePinGpu.TenantCli.Gateway;

/// <summary>
/// The replicas the gateway may send to, kept equal to the order's live leases by <see cref="Reconcile"/>; picks the
/// available replica with the fewest requests in flight (least-requests), rotating among ties.
/// </summary>
internal sealed class ReplicaSet
{
    private readonly Lock _gate = new();
    private Replica[] _replicas = [];
    private int _rotation;

    /// <summary>What the spec says about the service; null until a node told it.</summary>
    public ServiceTraits? Traits { get; set; }

    /// <summary>The replicas now.</summary>
    public IReadOnlyList<Replica> All => Volatile.Read(ref _replicas);

    /// <summary>
    /// Makes the set hold exactly <paramref name="addresses"/>: known replicas keep their state, new ones start Pending
    /// (they take traffic once a probe succeeds), gone ones are dropped at once. Returns what was added and removed.
    /// </summary>
    public (IReadOnlyList<Replica> Added, IReadOnlyList<Replica> Removed) Reconcile(IEnumerable<ReplicaAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        lock (_gate)
        {
            var wanted = addresses.DistinctBy(address => address.Key).ToList();
            var current = _replicas.ToDictionary(replica => replica.Address.Key);
            var next = wanted.Select(address => current.TryGetValue(address.Key, out var known) && known.Address == address ? known : new Replica(address)).ToArray();
            var added = next.Where(replica => !current.ContainsKey(replica.Address.Key) || current[replica.Address.Key] != replica).ToList();
            var removed = _replicas.Where(replica => !next.Contains(replica)).ToList();
            Volatile.Write(ref _replicas, next);
            return (added, removed);
        }
    }

    /// <summary>The available replica with the fewest requests in flight, not one of <paramref name="excluded"/>; null when none.</summary>
    public Replica? Pick(IReadOnlyCollection<Replica> excluded)
    {
        ArgumentNullException.ThrowIfNull(excluded);
        var replicas = All;
        if (replicas.Count == 0)
        {
            return null;
        }

        var start = (int)((uint)Interlocked.Increment(ref _rotation) % (uint)replicas.Count);
        Replica? best = null;
        for (var offset = 0; offset < replicas.Count; offset++)
        {
            var candidate = replicas[(start + offset) % replicas.Count];
            if (candidate.Available && !excluded.Contains(candidate) && (best is null || candidate.InFlight < best.InFlight))
            {
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>True while the set still holds <paramref name="replica"/> (a closed lease's replica is gone).</summary>
    public bool Contains(Replica replica) => All.Contains(replica);
}
