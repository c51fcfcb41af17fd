using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>
/// Bookkeeping of inbound handshakes in progress, so that no one source can take the host's handshake capacity:
/// at most <see cref="ConnectionLimits.MaxPendingHandshakesPerSource"/> per source (IPv4 address, IPv6 /64), at most
/// <see cref="ConnectionLimits.MaxPendingHandshakesPerSubnet"/> per subnet (IPv4 /24, IPv6 /48), and of the total
/// <see cref="ConnectionLimits.MaxPendingHandshakes"/> the last <see cref="ConnectionLimits.PendingHandshakesReservedForKnownPeers"/>
/// go only to sources the host already knows. Without these, 64 silent sockets from one client filled the host's
/// global count and every new peer was refused until they timed out. Memory is bounded by the number of pending
/// handshakes: a source's entry is removed when its last handshake ends. Thread-safe.
/// </summary>
internal sealed class PendingHandshakeLimiter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SourcePrefix, int> _bySource = [];
    private readonly Dictionary<SourcePrefix, int> _bySubnet = [];
    private readonly ConnectionLimits _limits;
    private int _pending;

    public PendingHandshakeLimiter(ConnectionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
    }

    /// <summary>Handshakes in progress now.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending;
            }
        }
    }

    /// <summary>Sources and subnets with at least one handshake in progress (what the bookkeeping holds in memory).</summary>
    public int TrackedPrefixes
    {
        get
        {
            lock (_gate)
            {
                return _bySource.Count + _bySubnet.Count;
            }
        }
    }

    /// <summary>Handshakes in progress from the source (IPv4 address, IPv6 /64) of <paramref name="address"/>.</summary>
    public int PendingFromSource(IPAddress address) => CountOf(_bySource, SourcePrefix.SourceOf(address));

    /// <summary>Handshakes in progress from the subnet (IPv4 /24, IPv6 /48) of <paramref name="address"/>.</summary>
    public int PendingFromSubnet(IPAddress address) => CountOf(_bySubnet, SourcePrefix.SubnetOf(address));

    /// <summary>
    /// Takes a slot for a handshake from <paramref name="address"/>, or says which limit refuses it.
    /// <paramref name="isKnown"/>: the address belongs to a peer this host dialled or was told about.
    /// </summary>
    public bool TryAdmit(IPAddress address, bool isKnown, [NotNullWhen(true)] out PendingHandshake? handshake, out PendingHandshakeRefusal refusal)
    {
        var source = SourcePrefix.SourceOf(address);
        var subnet = SourcePrefix.SubnetOf(address);
        lock (_gate)
        {
            if (Check(source, subnet, isKnown) is { } limit)
            {
                refusal = limit;
                handshake = null;
                return false;
            }

            _bySource[source] = _bySource.GetValueOrDefault(source) + 1;
            _bySubnet[subnet] = _bySubnet.GetValueOrDefault(subnet) + 1;
            _pending++;
        }

        refusal = default;
        handshake = new PendingHandshake(this, source, subnet);
        return true;
    }

    internal void Release(PendingHandshake handshake)
    {
        lock (_gate)
        {
            Decrement(_bySource, handshake.Source);
            Decrement(_bySubnet, handshake.Subnet);
            _pending--;
        }
    }

    /// <summary>Caller holds the lock. The source limit is checked first: it names the flooding client most precisely.</summary>
    private PendingHandshakeRefusal? Check(SourcePrefix source, SourcePrefix subnet, bool isKnown)
    {
        if (_bySource.GetValueOrDefault(source) >= _limits.MaxPendingHandshakesPerSource)
        {
            return PendingHandshakeRefusal.SourceLimit;
        }

        if (_bySubnet.GetValueOrDefault(subnet) >= _limits.MaxPendingHandshakesPerSubnet)
        {
            return PendingHandshakeRefusal.SubnetLimit;
        }

        if (_pending >= _limits.MaxPendingHandshakes)
        {
            return PendingHandshakeRefusal.TotalLimit;
        }

        return !isKnown && _pending >= _limits.MaxPendingHandshakes - _limits.PendingHandshakesReservedForKnownPeers
            ? PendingHandshakeRefusal.UnknownSourcesShare
            : null;
    }

    private int CountOf(Dictionary<SourcePrefix, int> counts, SourcePrefix prefix)
    {
        lock (_gate)
        {
            return counts.GetValueOrDefault(prefix);
        }
    }

    private static void Decrement(Dictionary<SourcePrefix, int> counts, SourcePrefix prefix)
    {
        var remaining = counts[prefix] - 1;
        if (remaining == 0)
        {
            counts.Remove(prefix);
        }
        else
        {
            counts[prefix] = remaining;
        }
    }
}
