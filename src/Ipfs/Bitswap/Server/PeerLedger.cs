using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Bitswap.Server;

/// <summary>
/// The server's record of one peer: its wantlist (bounded), the order wants are served in (priority, then arrival),
/// bytes in flight and counters. Thread-safe: every member takes the ledger's lock.
/// </summary>
internal sealed class PeerLedger(PeerId peer, int maxWants)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Cid, PeerWant> _wants = [];
    private readonly PriorityQueue<PeerWant, (long NegativePriority, long Sequence)> _ready = new();
    private long _sequence;
    private long _bytesInFlight;
    private long _blocksSent;
    private long _bytesSent;
    private long _messagesSent;
    private long _dontHavesSent;
    private long _wantsIgnored;
    private bool _queued;
    private bool _closed;

    public PeerId Peer { get; } = peer;

    /// <summary>Applies a received wantlist; returns how many new wants were ignored because the list was full.</summary>
    public int Apply(BitswapWantlist wantlist)
    {
        lock (_gate)
        {
            if (wantlist.Full)
            {
                foreach (var want in _wants.Values)
                {
                    want.State = PeerWantState.Removed;
                }

                _wants.Clear();
                _ready.Clear();
            }

            var ignored = 0;
            foreach (var entry in wantlist.Entries)
            {
                ignored += ApplyEntry(entry) ? 0 : 1;
            }

            _wantsIgnored += ignored;
            CompactIfStale();
            return ignored;
        }
    }

    /// <summary>The next want to answer (now marked taken), or null when none is ready.</summary>
    public PeerWant? TakeNext()
    {
        lock (_gate)
        {
            while (_ready.TryDequeue(out var want, out _))
            {
                if (want.State == PeerWantState.Ready)
                {
                    want.State = PeerWantState.Taken;
                    return want;
                }
            }

            return null;
        }
    }

    /// <summary>Returns a taken want to the front of its place (the message it was meant for was full).</summary>
    public void PutBack(PeerWant want)
    {
        lock (_gate)
        {
            if (want.State == PeerWantState.Taken)
            {
                want.State = PeerWantState.Ready;
                _ready.Enqueue(want, (-(long)want.Priority, want.Sequence));
            }
        }
    }

    /// <summary>True while <paramref name="want"/> has not been cancelled or replaced.</summary>
    public bool IsCurrent(PeerWant want)
    {
        lock (_gate)
        {
            return want.State == PeerWantState.Taken;
        }
    }

    /// <summary>Forgets an answered want.</summary>
    public void Complete(PeerWant want)
    {
        lock (_gate)
        {
            if (want.State == PeerWantState.Taken && _wants.Remove(want.Cid.ToV1()))
            {
                want.State = PeerWantState.Removed;
            }
        }
    }

    /// <summary>Keeps a want whose block is not stored until the block arrives or the peer cancels.</summary>
    public void Park(PeerWant want, bool dontHaveSent)
    {
        lock (_gate)
        {
            if (want.State != PeerWantState.Taken)
            {
                return;
            }

            want.State = PeerWantState.Parked;
            want.DontHaveSent |= dontHaveSent;
            _dontHavesSent += dontHaveSent ? 1 : 0;
        }
    }

    /// <summary>Makes parked wants for <paramref name="cids"/> ready again; returns how many were.</summary>
    public int Unpark(IEnumerable<Cid> cids)
    {
        lock (_gate)
        {
            var count = 0;
            foreach (var cid in cids)
            {
                if (_wants.TryGetValue(cid.ToV1(), out var want) && want.State == PeerWantState.Parked)
                {
                    want.State = PeerWantState.Ready;
                    _ready.Enqueue(want, (-(long)want.Priority, want.Sequence));
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>Marks the ledger queued for a turn when it has ready wants, room in flight and is not queued yet.</summary>
    public bool TryMarkQueued(long maxBytesInFlight)
    {
        lock (_gate)
        {
            if (_queued || _closed || _bytesInFlight >= maxBytesInFlight || !HasReadyWants())
            {
                return false;
            }

            _queued = true;
            return true;
        }
    }

    /// <summary>A worker took the ledger from the turn queue.</summary>
    public bool BeginTurn()
    {
        lock (_gate)
        {
            _queued = false;
            return !_closed;
        }
    }

    public void AddInFlight(long bytes)
    {
        lock (_gate)
        {
            _bytesInFlight += bytes;
        }
    }

    /// <summary>Records a finished send (successful or not).</summary>
    public void SendFinished(long frameBytes, int blocks, long blockBytes, bool delivered)
    {
        lock (_gate)
        {
            _bytesInFlight -= frameBytes;
            if (delivered)
            {
                _messagesSent++;
                _blocksSent += blocks;
                _bytesSent += blockBytes;
            }
        }
    }

    /// <summary>The peer disconnected: nothing more is served to it.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            foreach (var want in _wants.Values)
            {
                want.State = PeerWantState.Removed;
            }

            _wants.Clear();
            _ready.Clear();
        }
    }

    public PeerLedgerSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new PeerLedgerSnapshot(Peer, _wants.Count, _blocksSent, _bytesSent, _messagesSent, _dontHavesSent, _wantsIgnored, _bytesInFlight);
        }
    }

    private bool ApplyEntry(WantlistEntry entry)
    {
        var key = entry.Cid.ToV1();
        var exists = _wants.Remove(key, out var existing);
        if (existing is not null)
        {
            existing.State = PeerWantState.Removed;
        }

        if (entry.Cancel)
        {
            return true;
        }

        if (!exists && _wants.Count >= maxWants)
        {
            return false;
        }

        var want = new PeerWant(entry, _sequence++);
        _wants[key] = want;
        _ready.Enqueue(want, (-(long)want.Priority, want.Sequence));
        return true;
    }

    private bool HasReadyWants()
    {
        while (_ready.TryPeek(out var want, out _))
        {
            if (want.State == PeerWantState.Ready)
            {
                return true;
            }

            _ready.Dequeue();
        }

        return false;
    }

    // Replaced and cancelled wants stay in the queue until reached; rebuild it when they dominate.
    private void CompactIfStale()
    {
        if (_ready.Count <= (2 * _wants.Count) + 1024)
        {
            return;
        }

        _ready.Clear();
        foreach (var want in _wants.Values)
        {
            if (want.State == PeerWantState.Ready)
            {
                _ready.Enqueue(want, (-(long)want.Priority, want.Sequence));
            }
        }
    }
}
