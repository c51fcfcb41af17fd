using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Ipfs.Bitswap.Client;

/// <summary>Choosing peers and sending wants. Every method here runs under the session's lock.</summary>
internal sealed partial class DagFetchSession
{
    /// <summary>Asks peers for queued blocks while the in-flight bound allows.</summary>
    private void Pump()
    {
        if (_finished)
        {
            return;
        }

        var now = Now;
        while (_inFlight < _options.MaxWantsInFlight && _queue.First is { } node)
        {
            var pending = node.Value;
            var peer = ChoosePeer(pending, now, out var anyCandidate);
            if (peer is null)
            {
                if (anyCandidate)
                {
                    // Peers that may serve it are busy or cooling down: keep the order and wait for a free slot.
                    break;
                }

                Dequeue(pending);
                pending.State = PendingState.Parked;
                continue;
            }

            Dequeue(pending);
            Request(pending, peer, now);
        }
    }

    /// <summary>
    /// The best peer to ask for <paramref name="pending"/>: one that said HAVE, then one that has not timed out on it,
    /// then the least loaded. <paramref name="anyCandidate"/> tells whether any peer could serve it later.
    /// </summary>
    private SessionPeer? ChoosePeer(PendingBlock pending, long now, out bool anyCandidate)
    {
        SessionPeer? best = null;
        anyCandidate = false;
        foreach (var peer in _peers.Values)
        {
            if (!peer.IsActive || peer.IsDropped || pending.Refused.Contains(peer.Id))
            {
                continue;
            }

            anyCandidate = true;
            if (peer.CoolingUntil > now || peer.Assigned.Count >= _options.MaxWantsPerPeer)
            {
                continue;
            }

            if (best is null || Rank(peer, pending).CompareTo(Rank(best, pending)) < 0)
            {
                best = peer;
            }
        }

        return best;
    }

    private static (int Has, int TimedOut, int Load, int Order) Rank(SessionPeer peer, PendingBlock pending) =>
        (pending.HaveFrom.Contains(peer.Id) ? 0 : 1, pending.TimedOut.Contains(peer.Id) ? 1 : 0, peer.Assigned.Count, peer.Order);

    /// <summary>Sends a want-block to <paramref name="peer"/> and want-haves to a few others.</summary>
    private void Request(PendingBlock pending, SessionPeer peer, long now)
    {
        pending.State = PendingState.Requested;
        pending.Peer = peer;
        pending.RequestedAt = now;
        if (peer.Assigned.Count == 0)
        {
            peer.ProgressMark = now;
        }

        peer.Assigned.Add(pending);
        _inFlight++;
        if (pending.AskedBlock.Add(peer.Id))
        {
            _client.Want(peer.Id, pending.Cid, WantType.Block);
        }

        // The root's holders are unknown: ask every peer whether it has it. Later blocks ask a few, to learn early
        // where to turn if the chosen peer answers DONT_HAVE.
        var fanout = _blocksFetched == 0 && pending.Cid.Equals(_root) ? int.MaxValue : _options.WantHaveFanout;
        foreach (var other in _peers.Values)
        {
            if (fanout <= 0)
            {
                break;
            }

            if (other == peer || !other.IsUsable(now) || pending.Refused.Contains(other.Id) || pending.HaveFrom.Contains(other.Id)
                || pending.AskedBlock.Contains(other.Id) || !pending.AskedHave.Add(other.Id))
            {
                continue;
            }

            _client.Want(other.Id, pending.Cid, WantType.Have);
            fanout--;
        }
    }

    private void Enqueue(PendingBlock pending, bool front)
    {
        Dequeue(pending);
        pending.State = PendingState.Queued;
        pending.QueueNode = front ? _queue.AddFirst(pending) : _queue.AddLast(pending);
    }

    private void Dequeue(PendingBlock pending)
    {
        if (pending.QueueNode is { } node)
        {
            _queue.Remove(node);
            pending.QueueNode = null;
        }
    }

    /// <summary>Releases the in-flight slot of a requested block.</summary>
    private void Unassign(PendingBlock pending)
    {
        if (pending.Peer is { } peer)
        {
            peer.Assigned.Remove(pending);
            pending.Peer = null;
            _inFlight--;
        }
    }

    /// <summary>
    /// Withdraws every want this fetch sent for <paramref name="pending"/>. At a peer that already sent the block the
    /// client has ended the want, so the cancel only releases this fetch's share of the record and sends nothing.
    /// </summary>
    private void CancelWants(PendingBlock pending)
    {
        foreach (var peer in pending.AskedBlock)
        {
            _client.Cancel(peer, pending.Cid, WantType.Block);
        }

        foreach (var peer in pending.AskedHave)
        {
            _client.Cancel(peer, pending.Cid, WantType.Have);
        }

        pending.AskedBlock.Clear();
        pending.AskedHave.Clear();
    }

    /// <summary>Withdraws this fetch's wants for <paramref name="pending"/> at one peer.</summary>
    private void CancelWantsAt(PendingBlock pending, PeerId peer)
    {
        if (pending.AskedBlock.Remove(peer))
        {
            _client.Cancel(peer, pending.Cid, WantType.Block);
        }

        if (pending.AskedHave.Remove(peer))
        {
            _client.Cancel(peer, pending.Cid, WantType.Have);
        }
    }
}
