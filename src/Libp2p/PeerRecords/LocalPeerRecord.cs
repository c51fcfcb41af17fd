using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Discovery;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.PeerRecords;

/// <summary>
/// This host's own signed peer record (RFC 0003), re-signed only when its advertised addresses change, with a sequence
/// number that always grows (milliseconds since the epoch, or one more than the last) so that peers replace older
/// records with newer ones.
/// </summary>
internal sealed class LocalPeerRecord(PrivateKey key)
{
    private readonly Lock _gate = new();
    private IReadOnlyList<Multiaddr> _addresses = [];
    private byte[]? _envelope;
    private ulong _sequence;

    /// <summary>The signed envelope for <paramref name="addresses"/>; null when there is nothing to advertise.</summary>
    public byte[]? For(IReadOnlyList<Multiaddr> addresses)
    {
        if (addresses.Count == 0)
        {
            return null;
        }

        lock (_gate)
        {
            if (_envelope is null || !_addresses.SequenceEqual(addresses))
            {
                _sequence = Math.Max(_sequence + 1, (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                _addresses = [.. addresses];
                _envelope = SignedPeerRecord.Create(key, _sequence, _addresses.Select(address => address.WithoutPeerId()));
            }

            return _envelope;
        }
    }
}
