using System.Net;
using DePinGpu.Libp2p.Addressing;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>
/// IP addresses of peers this host chose to talk to: addresses put in the peer store (configuration, bootstrap,
/// discovery, successful dials) and the remote addresses of connections it dialled. Inbound handshakes from these
/// may use the share of pending handshakes reserved for known peers. An address a peer merely connected from is not
/// added: any client can complete a handshake, so that would let a flooder make itself known. Bounded: the least
/// recently added address is forgotten first. Thread-safe.
/// </summary>
internal sealed class KnownSourceAddresses
{
    /// <summary>Most addresses remembered.</summary>
    public const int DefaultCapacity = 4096;

    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, LinkedListNode<IPAddress>> _nodes = [];
    private readonly LinkedList<IPAddress> _recency = new();
    private readonly int _capacity;

    public KnownSourceAddresses(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Addresses remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _nodes.Count;
            }
        }
    }

    /// <summary>True when <paramref name="address"/> belongs to a known peer.</summary>
    public bool Contains(IPAddress address)
    {
        var normalized = SourcePrefix.Normalize(address);
        lock (_gate)
        {
            return _nodes.ContainsKey(normalized);
        }
    }

    /// <summary>Remembers the IP of every <c>/ip4</c> or <c>/ip6</c> address (DNS names are added once dialled, by their resolved IP).</summary>
    public void Add(IEnumerable<Multiaddr> addresses)
    {
        foreach (var address in addresses)
        {
            if (address.TryGetTcpTarget(out var host, out _) && (host.Protocol == MultiaddrProtocol.Ip4 || host.Protocol == MultiaddrProtocol.Ip6))
            {
                Add(host.ToIPAddress());
            }
        }
    }

    /// <summary>Remembers <paramref name="address"/> (wildcard addresses are ignored: nobody connects from them).</summary>
    public void Add(IPAddress address)
    {
        var normalized = SourcePrefix.Normalize(address);
        if (normalized.Equals(IPAddress.Any) || normalized.Equals(IPAddress.IPv6Any))
        {
            return;
        }

        lock (_gate)
        {
            if (_nodes.TryGetValue(normalized, out var existing))
            {
                _recency.Remove(existing);
                _recency.AddFirst(existing);
                return;
            }

            _nodes[normalized] = _recency.AddFirst(normalized);
            if (_nodes.Count > _capacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _nodes.Remove(oldest.Value);
            }
        }
    }
}
