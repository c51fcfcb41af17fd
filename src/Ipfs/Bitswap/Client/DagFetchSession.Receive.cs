using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Dag;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Bitswap.Client;

/// <summary>Discovery of the DAG and handling of received blocks and presences.</summary>
internal sealed partial class DagFetchSession
{
    /// <inheritdoc />
    public async Task OnBlockAsync(PeerId peer, Block block)
    {
        FetchProgress? report;
        lock (_gate)
        {
            if (_finished || !_pending.TryGetValue(block.Cid, out var pending) || pending.State == PendingState.Storing)
            {
                return;
            }

            Dequeue(pending);
            Unassign(pending);
            pending.State = PendingState.Storing;
            CancelWants(pending);
            if (_peers.TryGetValue(peer, out var sender))
            {
                sender.ProgressMark = Now;
            }

            // Free the slot at once so the next want overlaps with storing this block.
            Pump();
        }

        try
        {
            await _import.PutAsync(block, Token).ConfigureAwait(false);
            if (!await DiscoverAsync(LinksOf(block)).ConfigureAwait(false))
            {
                return;
            }

            lock (_gate)
            {
                _pending.Remove(block.Cid);
                _blocksFetched++;
                _bytesFetched += block.Data.Length;
                _lastProgressAt = Now;
                report = ProgressDue();
                CheckCompletion();
                Pump();
            }

            _client.NotifyStored(block.Cid);
            if (report is not null)
            {
                _progress!.Report(report);
            }
        }
        catch (OperationCanceledException) when (Token.IsCancellationRequested)
        {
            // The fetch was cancelled or stopped while storing; its outcome is already decided.
        }
        catch (FormatException exception)
        {
            FailInvalid(exception.Message);
        }
        catch (Exception exception)
        {
            Fail(exception);
        }
    }

    /// <inheritdoc />
    public void OnPresence(PeerId peer, Cid key, BlockPresenceType type)
    {
        lock (_gate)
        {
            if (_finished || !_pending.TryGetValue(key, out var pending) || pending.State == PendingState.Storing)
            {
                return;
            }

            if (type == BlockPresenceType.Have)
            {
                pending.HaveFrom.Add(peer);
                if (pending.State == PendingState.Parked)
                {
                    Enqueue(pending, front: true);
                }
            }
            else
            {
                pending.HaveFrom.Remove(peer);
                pending.Refused.Add(peer);
                CancelWantsAt(pending, peer);
                if (pending.State == PendingState.Requested && pending.Peer?.Id == peer)
                {
                    Unassign(pending);
                    Enqueue(pending, front: true);
                }
            }

            Pump();
        }
    }

    /// <summary>
    /// Walks <paramref name="cids"/> and, for stored dag-pb nodes, their descendants: stored blocks are held for the
    /// fetch and counted, missing ones queued. Returns false when the fetch ended (invalid DAG) meanwhile.
    /// </summary>
    private async Task<bool> DiscoverAsync(IReadOnlyList<Cid> cids)
    {
        var stack = new Stack<Cid>(cids.Reverse());
        var queued = false;
        while (stack.TryPop(out var cid))
        {
            var key = cid.ToV1();
            if (!TryMarkSeen(key, out var tooLarge))
            {
                if (tooLarge)
                {
                    FailInvalid($"The DAG under {_root} has more than {_options.MaxBlocks} blocks, the limit of this fetch.");
                    return false;
                }

                continue;
            }

            if (!DagLinks.IsTraversable(cid.Codec) && cid.Hash.Code != MulticodecCode.Identity)
            {
                FailInvalid($"Block {cid} has codec 0x{cid.Codec:x}; only raw and dag-pb DAGs can be fetched.");
                return false;
            }

            if (await _import.RetainAsync(cid, Token).ConfigureAwait(false) && await ReadStoredAsync(cid, key, stack).ConfigureAwait(false))
            {
                continue;
            }

            if (!Messages.CidPrefix.Of(cid).CanVerify)
            {
                FailInvalid($"Block {cid} uses multihash 0x{cid.Hash.Code:x}, which cannot be verified here; only sha2-256 is supported.");
                return false;
            }

            lock (_gate)
            {
                var pending = new PendingBlock(cid);
                _pending[key] = pending;
                Enqueue(pending, front: false);
                queued = true;
            }
        }

        if (queued)
        {
            lock (_gate)
            {
                Pump();
            }
        }

        return true;
    }

    /// <summary>Reads a stored block and pushes its links; false when the stored copy was corrupt (it is deleted and fetched).</summary>
    private async Task<bool> ReadStoredAsync(Cid cid, Cid key, Stack<Cid> stack)
    {
        long bytes = 0;
        if (cid.Codec == MulticodecCode.DagPb)
        {
            try
            {
                using var block = await DagWalker.ReadVerifiedAsync(_blocks, cid, 0, Token).ConfigureAwait(false);
                bytes = block.Data.Length;
                var links = DagLinks.Of(key, block.Data);
                for (var index = links.Count - 1; index >= 0; index--)
                {
                    stack.Push(links[index]);
                }
            }
            catch (Exception exception) when (exception is CorruptBlockException or BlockNotFoundException)
            {
                // A corrupt stored copy (or one deleted meanwhile) is replaced by a verified one from a peer.
                await _blocks.DeleteAsync(cid, Token).ConfigureAwait(false);
                return false;
            }
        }

        lock (_gate)
        {
            _blocksPresent++;
            _bytesPresent += bytes;
        }

        return true;
    }

    private bool TryMarkSeen(Cid key, out bool tooLarge)
    {
        lock (_gate)
        {
            tooLarge = _seen.Count >= _options.MaxBlocks && !_seen.Contains(key);
            return !tooLarge && _seen.Add(key);
        }
    }

    private static IReadOnlyList<Cid> LinksOf(Block block) =>
        block.Cid.Codec == MulticodecCode.DagPb ? DagLinks.Of(block.Cid, block.Data) : [];
}
