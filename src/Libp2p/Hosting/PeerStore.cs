using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PeerRecords;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>
/// The peers this host knows, with their addresses and identify data. Bounded: when full, the least recently
/// updated peer without an open connection is dropped. Thread-safe; records are immutable snapshots.
/// </summary>
public sealed class PeerStore
{
    /// <summary>Most addresses remembered per peer.</summary>
    public const int MaxAddressesPerPeer = 32;

    private readonly Lock _gate = new();
    private readonly Dictionary<PeerId, PeerInfo> _peers = [];
    private readonly int _capacity;
    private readonly Func<PeerId, bool> _isConnected;
    private readonly Action<IReadOnlyList<Multiaddr>> _addressesAdded;

    /// <summary>A store of at most <paramref name="capacity"/> peers; <paramref name="addressesAdded"/> hears of every <see cref="AddAddresses"/>.</summary>
    internal PeerStore(int capacity, Func<PeerId, bool> isConnected, Action<IReadOnlyList<Multiaddr>>? addressesAdded = null)
    {
        _capacity = Math.Max(1, capacity);
        _isConnected = isConnected;
        _addressesAdded = addressesAdded ?? (_ => { });
    }

    /// <summary>All known peers.</summary>
    public IReadOnlyList<PeerInfo> Peers
    {
        get
        {
            lock (_gate)
            {
                return [.. _peers.Values];
            }
        }
    }

    /// <summary>The record of <paramref name="peerId"/>, or null.</summary>
    public PeerInfo? Get(PeerId peerId)
    {
        ArgumentNullException.ThrowIfNull(peerId);
        lock (_gate)
        {
            return _peers.GetValueOrDefault(peerId);
        }
    }

    /// <summary>Adds dialable addresses for a peer (e.g. from configuration or discovery).</summary>
    public void AddAddresses(PeerId peerId, IEnumerable<Multiaddr> addresses)
    {
        ArgumentNullException.ThrowIfNull(peerId);
        ArgumentNullException.ThrowIfNull(addresses);
        var added = addresses.Select(address => address.WithoutPeerId()).ToList();
        _addressesAdded(added);
        Update(peerId, existing => existing with
        {
            ListenAddresses = existing.ListenAddresses.Concat(added).Distinct().Take(MaxAddressesPerPeer).ToList(),
        });
    }

    /// <summary>
    /// Records the result of identify (or a push) for a peer; <paramref name="verifiedRecord"/> is the message's signed
    /// peer record once verified (null when absent or invalid), kept unless an older one than what the store holds.
    /// </summary>
    internal PeerInfo ApplyIdentify(PeerId peerId, PublicKey publicKey, IdentifyMessage message, SignedPeerRecord? verifiedRecord)
    {
        return Update(peerId, existing =>
        {
            var newer = verifiedRecord is not null && verifiedRecord.Sequence >= existing.PeerRecordSequence;
            return existing with
            {
                SignedPeerRecord = newer ? message.SignedPeerRecord : existing.SignedPeerRecord,
                PeerRecordSequence = newer ? verifiedRecord!.Sequence : existing.PeerRecordSequence,
                PublicKey = publicKey,
                ListenAddresses = message.ListenAddresses.Select(address => address.WithoutPeerId()).Distinct().Take(MaxAddressesPerPeer).ToList(),
                Protocols = message.Protocols.Distinct(StringComparer.Ordinal).ToList(),
                AgentVersion = message.AgentVersion,
                ProtocolVersion = message.ProtocolVersion,
                ObservedAddress = message.ObservedAddress,
                IsIdentified = true,
            };
        });
    }

    /// <summary>Records a peer's key (learned from the secure handshake).</summary>
    internal void AddPublicKey(PeerId peerId, PublicKey publicKey) =>
        Update(peerId, existing => existing.PublicKey is null ? existing with { PublicKey = publicKey } : existing);

    private PeerInfo Update(PeerId peerId, Func<PeerInfo, PeerInfo> change)
    {
        lock (_gate)
        {
            if (!_peers.TryGetValue(peerId, out var existing))
            {
                EvictIfFull();
                existing = new PeerInfo { PeerId = peerId, PublicKey = peerId.PublicKey };
            }

            var updated = change(existing) with { UpdatedAt = DateTimeOffset.UtcNow };
            _peers[peerId] = updated;
            return updated;
        }
    }

    private void EvictIfFull()
    {
        if (_peers.Count < _capacity)
        {
            return;
        }

        var victim = _peers.Values
            .Where(peer => !_isConnected(peer.PeerId))
            .OrderBy(peer => peer.UpdatedAt)
            .FirstOrDefault();
        if (victim is not null)
        {
            _peers.Remove(victim.PeerId);
        }
    }
}
