using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Bitswap.Client;

/// <summary>
/// Wantlist entries waiting to be sent to one peer. Entries for the same block coalesce (the later one wins, as the
/// receiver would decide anyway); one flush at a time drains them in order, so a want and its cancel never swap. Thread-safe.
/// </summary>
internal sealed class PendingWantlist
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Cid, WantlistEntry> _pending = [];
    private readonly List<Cid> _order = [];
    private bool _flushing;

    /// <summary>Queues <paramref name="entry"/>; true when the caller must start a flush (none is running).</summary>
    public bool Add(WantlistEntry entry)
    {
        var key = entry.Cid.ToV1();
        lock (_gate)
        {
            if (!_pending.ContainsKey(key))
            {
                _order.Add(key);
            }

            _pending[key] = entry;
            if (_flushing)
            {
                return false;
            }

            _flushing = true;
            return true;
        }
    }

    /// <summary>Moves queued entries into <paramref name="builder"/> until it is full; false (and the flush ends) when none were queued.</summary>
    public bool TakeBatch(BitswapMessageBuilder builder)
    {
        lock (_gate)
        {
            var taken = 0;
            while (taken < _order.Count && builder.TryAddEntry(_pending[_order[taken]]))
            {
                _pending.Remove(_order[taken]);
                taken++;
            }

            _order.RemoveRange(0, taken);
            if (taken > 0)
            {
                return true;
            }

            _flushing = false;
            return false;
        }
    }

    /// <summary>Drops everything queued (the peer left).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _pending.Clear();
            _order.Clear();
        }
    }
}
