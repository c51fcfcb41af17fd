using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Ipfs.Bitswap.Client;

/// <summary>Peers joining and leaving, timeouts, stalls and retries.</summary>
internal sealed partial class DagFetchSession
{
    /// <inheritdoc />
    public void OnPeerConnected(PeerId peer)
    {
        if (_client.IsBanned(peer) || (!_options.UseConnectedPeers && !_explicitPeers.Contains(peer)))
        {
            return;
        }

        lock (_gate)
        {
            if (AddPeer(peer))
            {
                // A new peer may hold what everyone else declined.
                RetryParked(clearRefusals: false);
                Pump();
            }
        }
    }

    /// <inheritdoc />
    public void OnPeerDisconnected(PeerId peer)
    {
        lock (_gate)
        {
            if (_peers.TryGetValue(peer, out var session))
            {
                session.IsActive = false;
                Release(session);
                Pump();
            }
        }
    }

    /// <inheritdoc />
    public void OnPeerBanned(PeerId peer, string reason)
    {
        lock (_gate)
        {
            if (_peers.TryGetValue(peer, out var session) && !session.IsDropped)
            {
                Drop(session, reason);
                Pump();
            }
        }
    }

    /// <summary>Under the lock: adds or reactivates a peer; false when it was active already or is dropped.</summary>
    private bool AddPeer(PeerId peer)
    {
        if (_peers.TryGetValue(peer, out var existing))
        {
            if (existing.IsActive || existing.IsDropped)
            {
                return false;
            }

            existing.IsActive = true;
            return true;
        }

        _peers[peer] = new SessionPeer(peer, _peers.Count) { ProgressMark = Now };
        return true;
    }

    /// <summary>Under the lock: stops asking <paramref name="peer"/> for good.</summary>
    private void Drop(SessionPeer peer, string reason)
    {
        peer.IsDropped = true;
        Release(peer);
        _dropped.Add(new DroppedPeer(peer.Id, reason));
        BitswapLog.PeerDropped(_logger, _root.ToString(), peer.Id.ToString(), reason);
    }

    /// <summary>Under the lock: re-queues what the peer was asked for and withdraws the wants sent to it.</summary>
    private void Release(SessionPeer peer)
    {
        foreach (var pending in _pending.Values)
        {
            pending.HaveFrom.Remove(peer.Id);
            CancelWantsAt(pending, peer.Id);
        }

        foreach (var pending in peer.Assigned.ToList())
        {
            Unassign(pending);
            Enqueue(pending, front: true);
        }
    }

    private async Task RunTickerAsync()
    {
        var interval = TimeSpan.FromMilliseconds(Math.Clamp(
            Math.Min(_options.PeerStallTimeout.TotalMilliseconds, _options.RetryInterval.TotalMilliseconds) / 8, 10, 250));
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(Token).ConfigureAwait(false))
        {
            lock (_gate)
            {
                if (_finished)
                {
                    return;
                }

                CheckTimeouts(Now);
                Pump();
            }
        }
    }

    /// <summary>Under the lock: stalled peers, overdue wants, parked retries and the no-progress deadline.</summary>
    private void CheckTimeouts(long now)
    {
        foreach (var peer in _peers.Values)
        {
            if (peer.Assigned.Count == 0)
            {
                continue;
            }

            if (now - peer.ProgressMark > _options.PeerStallTimeout.TotalMilliseconds)
            {
                Stalled(peer, now);
                continue;
            }

            foreach (var pending in peer.Assigned.Where(pending => now - pending.RequestedAt > _options.WantTimeout.TotalMilliseconds).ToList())
            {
                TimedOut(pending, peer);
            }
        }

        if (now - _lastRetryAt > _options.RetryInterval.TotalMilliseconds)
        {
            _lastRetryAt = now;
            RetryParked(clearRefusals: true);
        }

        if (_pending.Count > 0 && now - _lastProgressAt > _options.NoProgressTimeout.TotalMilliseconds)
        {
            BitswapLog.FetchStalled(_logger, _root.ToString(), _options.NoProgressTimeout.TotalSeconds, _pending.Count);
            Finish(FetchOutcome.Unavailable,
                $"No block of {_root} arrived for {_options.NoProgressTimeout.TotalSeconds:0.#} s; {_pending.Count} blocks are still missing. "
                + "Connect to a peer that holds the content and fetch again (blocks already stored are kept).");
        }
    }

    private void Stalled(SessionPeer peer, long now)
    {
        BitswapLog.PeerStalled(_logger, _root.ToString(), peer.Id.ToString(), peer.Assigned.Count);
        peer.Stalls++;
        peer.CoolingUntil = now + (long)_options.PeerStallTimeout.TotalMilliseconds;
        foreach (var pending in peer.Assigned.ToList())
        {
            TimedOut(pending, peer);
        }

        peer.ProgressMark = now;
        if (peer.Stalls >= _options.MaxPeerStalls)
        {
            Drop(peer, $"it stalled {peer.Stalls} times with wants in flight");
        }
    }

    private void TimedOut(PendingBlock pending, SessionPeer peer)
    {
        pending.TimedOut.Add(peer.Id);
        CancelWantsAt(pending, peer.Id);
        Unassign(pending);
        Enqueue(pending, front: true);
    }

    /// <summary>Under the lock: asks again for blocks every peer had declined.</summary>
    private void RetryParked(bool clearRefusals)
    {
        foreach (var pending in _pending.Values.Where(pending => pending.State == PendingState.Parked).ToList())
        {
            if (clearRefusals)
            {
                pending.Refused.Clear();
                pending.TimedOut.Clear();
            }

            Enqueue(pending, front: false);
        }
    }
}
