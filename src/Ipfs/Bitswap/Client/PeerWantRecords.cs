using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Bitswap.Client;

/// <summary>
/// What this node has asked of one peer: active wants with how many fetches hold each (so one cancel does not withdraw
/// another fetch's want) and recently ended wants whose blocks may still be in transit. A block from the peer that is
/// in neither set was never asked for: a corrupt or unsolicited block. Thread-safe.
/// </summary>
internal sealed class PeerWantRecords(int maxEnded, TimeSpan grace)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Cid, (int Blocks, int Haves)> _active = [];
    private readonly Dictionary<Cid, long> _endedUntil = [];
    private readonly Queue<(Cid Key, long Until)> _endedOrder = new();

    /// <summary>Records a want; returns the entry to send, or null when the peer already has an equal or stronger want.</summary>
    public WantlistEntry? Want(Cid cid, WantType type)
    {
        var key = cid.ToV1();
        lock (_gate)
        {
            var (blocks, haves) = _active.GetValueOrDefault(key);
            _active[key] = type == WantType.Block ? (blocks + 1, haves) : (blocks, haves + 1);
            if (type == WantType.Block)
            {
                return blocks == 0 ? WantlistEntry.WantBlock(cid) : null;
            }

            return blocks == 0 && haves == 0 ? WantlistEntry.WantHave(cid) : null;
        }
    }

    /// <summary>Releases a want; returns the cancel to send once no fetch holds a want for the block, else null.</summary>
    public WantlistEntry? Cancel(Cid cid, WantType type)
    {
        var key = cid.ToV1();
        lock (_gate)
        {
            if (!_active.TryGetValue(key, out var refs))
            {
                return null;
            }

            refs = type == WantType.Block ? (Math.Max(0, refs.Blocks - 1), refs.Haves) : (refs.Blocks, Math.Max(0, refs.Haves - 1));
            if (refs.Blocks > 0 || refs.Haves > 0)
            {
                _active[key] = refs;
                return null;
            }

            _active.Remove(key);
            RememberEnded(key);
            return WantlistEntry.CancelWant(cid);
        }
    }

    /// <summary>True when a block with this CIDv1 from the peer answers one of our wants (active or recently ended).</summary>
    public bool Expects(Cid key)
    {
        lock (_gate)
        {
            return _active.ContainsKey(key) || (_endedUntil.TryGetValue(key, out var until) && until >= Environment.TickCount64);
        }
    }

    /// <summary>True when a want for the block is active.</summary>
    public bool IsActive(Cid key)
    {
        lock (_gate)
        {
            return _active.ContainsKey(key);
        }
    }

    /// <summary>The peer sent the block: its server dropped the want, so ours ends without a cancel.</summary>
    public void Received(Cid key)
    {
        lock (_gate)
        {
            if (_active.Remove(key))
            {
                RememberEnded(key);
            }
        }
    }

    /// <summary>Active wants now.</summary>
    public int ActiveCount
    {
        get
        {
            lock (_gate)
            {
                return _active.Count;
            }
        }
    }

    private void RememberEnded(Cid key)
    {
        var now = Environment.TickCount64;
        var until = now + (long)grace.TotalMilliseconds;
        _endedUntil[key] = until;
        _endedOrder.Enqueue((key, until));
        while (_endedOrder.TryPeek(out var oldest) && (_endedOrder.Count > maxEnded || oldest.Until < now))
        {
            _endedOrder.Dequeue();

            // A key ended again later has a newer deadline; only its latest queue entry removes it.
            if (_endedUntil.TryGetValue(oldest.Key, out var current) && current == oldest.Until)
            {
                _endedUntil.Remove(oldest.Key);
            }
        }
    }
}
