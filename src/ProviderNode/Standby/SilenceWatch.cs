using System.Numerics;

namespace DePinGpu.ProviderNode.Standby;

/// <summary>
/// The standby's early warning (docs/design.md §7): for each lease this node is a standby of, which provider is active
/// (the one announcing its checkpoints) and when this node last heard from it on gossip (a heartbeat or an
/// announcement, at this node's clock, so a sender's clock skew does not matter). A lease whose active provider has been
/// silent longer than a threshold is <see cref="Silent"/>: the standby prepares for the hand-over before the chain
/// decides it. Thread-safe; times are passed in, so the decision is a pure function of what was heard.
/// </summary>
public sealed class SilenceWatch
{
    private readonly Lock _gate = new();
    private readonly Dictionary<BigInteger, string> _activeOfLease = [];
    private readonly Dictionary<string, DateTimeOffset> _lastHeard = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><paramref name="provider"/> showed a sign of life at <paramref name="at"/> (a gossip heartbeat).</summary>
    public void Heard(string provider, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        lock (_gate)
        {
            if (!_lastHeard.TryGetValue(provider, out var known) || known < at)
            {
                _lastHeard[provider] = at;
            }
        }
    }

    /// <summary><paramref name="provider"/> announced a checkpoint of <paramref name="leaseId"/> it made: it is the lease's active provider, alive at <paramref name="at"/>.</summary>
    public void Active(BigInteger leaseId, string provider, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        lock (_gate)
        {
            _activeOfLease[leaseId] = provider.ToLowerInvariant();
        }

        Heard(provider, at);
    }

    /// <summary>Stops watching <paramref name="leaseId"/> (it ended, moved to this node, or this node is no longer its standby).</summary>
    public void Forget(BigInteger leaseId)
    {
        lock (_gate)
        {
            _activeOfLease.Remove(leaseId);
        }
    }

    /// <summary>The leases whose active provider was last heard more than <paramref name="threshold"/> before <paramref name="now"/>.</summary>
    public IReadOnlyList<SilentProvider> Silent(DateTimeOffset now, TimeSpan threshold)
    {
        lock (_gate)
        {
            return [.. _activeOfLease
                .Select(pair => new SilentProvider(pair.Key, pair.Value, _lastHeard[pair.Value]))
                .Where(silent => now - silent.LastHeard > threshold)];
        }
    }
}
