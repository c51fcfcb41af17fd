using System.Buffers;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Bitswap.Server;

/// <summary>One turn: answer a peer's next wants into one message and hand it to the network.</summary>
public sealed partial class BitswapServer
{
    private async Task RunTurnAsync(PeerLedger ledger, CancellationToken cancellationToken)
    {
        using var builder = new BitswapMessageBuilder(_options.MaxMessageSize);
        while (builder.Size < _options.TargetMessageSize)
        {
            var want = ledger.TakeNext();
            if (want is null)
            {
                break;
            }

            if (!await AnswerAsync(ledger, want, builder, cancellationToken).ConfigureAwait(false))
            {
                ledger.PutBack(want);
                break;
            }
        }

        if (builder.IsEmpty)
        {
            Schedule(ledger);
            return;
        }

        var message = builder.Build();
        ledger.AddInFlight(message.FrameLength);

        // Another worker may prepare this peer's next message while this one is written (pipelining within the
        // in-flight limit); the peer still re-enters the queue behind every other waiting peer.
        Schedule(ledger);
        _sends.Run(() => SendAsync(ledger, message));
    }

    /// <summary>Adds the answer to <paramref name="want"/>; false when the message has no room left for it.</summary>
    private async Task<bool> AnswerAsync(PeerLedger ledger, PeerWant want, BitswapMessageBuilder builder, CancellationToken cancellationToken)
    {
        if (_accessPolicy is not null && !_accessPolicy.MayServe(want.Cid, Access.Requester.OfPeer(ledger.Peer)))
        {
            // Exactly the answer for a block we do not have: the peer learns nothing about the checkpoint.
            Access.AccessLog.WantRefused(_logger, want.Cid.ToString(), ledger.Peer.ToString());
            return AnswerMissing(ledger, want, builder);
        }

        if (want.WantType == WantType.Have)
        {
            var size = await GetSizeAsync(want.Cid, cancellationToken).ConfigureAwait(false);
            if (size is null)
            {
                return AnswerMissing(ledger, want, builder);
            }

            if (size > _options.MaxInlineBlockSize)
            {
                if (!builder.TryAddPresence(want.Cid, BlockPresenceType.Have))
                {
                    return false;
                }

                ledger.Complete(want);
                return true;
            }
        }

        return await AnswerWithBlockAsync(ledger, want, builder, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> AnswerWithBlockAsync(PeerLedger ledger, PeerWant want, BitswapMessageBuilder builder, CancellationToken cancellationToken)
    {
        var owner = await RentVerifiedAsync(want.Cid, cancellationToken).ConfigureAwait(false);
        if (owner is null)
        {
            return AnswerMissing(ledger, want, builder);
        }

        if (!ledger.IsCurrent(want))
        {
            owner.Dispose();
            return true;
        }

        if (builder.SizeWithBlock(want.Cid, owner.Memory.Length) > builder.MaxSize && builder.IsEmpty)
        {
            // Larger than any message may be: it cannot be sent over Bitswap at all.
            owner.Dispose();
            return AnswerMissing(ledger, want, builder);
        }

        if (!builder.TryAddBlock(want.Cid, owner.Memory, owner))
        {
            owner.Dispose();
            return false;
        }

        ledger.Complete(want);
        return true;
    }

    private bool AnswerMissing(PeerLedger ledger, PeerWant want, BitswapMessageBuilder builder)
    {
        if (want.SendDontHave && !want.DontHaveSent)
        {
            if (!builder.TryAddPresence(want.Cid, BlockPresenceType.DontHave))
            {
                return false;
            }

            ledger.Park(want, dontHaveSent: true);
            return true;
        }

        ledger.Park(want, dontHaveSent: false);
        return true;
    }

    private async Task<int?> GetSizeAsync(Cid cid, CancellationToken cancellationToken)
    {
        try
        {
            return await _store.GetSizeAsync(cid, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            BitswapLog.StoreReadFailed(_logger, cid.ToString(), exception);
            return null;
        }
    }

    private async Task<IMemoryOwner<byte>?> RentVerifiedAsync(Cid cid, CancellationToken cancellationToken)
    {
        IMemoryOwner<byte>? owner;
        try
        {
            owner = await _store.RentAsync(cid, cancellationToken).ConfigureAwait(false);
        }
        catch (CorruptBlockException)
        {
            BitswapLog.CorruptStoredBlock(_logger, cid.ToString());
            return null;
        }
        catch (IOException exception)
        {
            BitswapLog.StoreReadFailed(_logger, cid.ToString(), exception);
            return null;
        }

        if (owner is not null && _options.VerifyBlocksBeforeSending && !cid.Hash.Matches(owner.Memory.Span))
        {
            owner.Dispose();
            BitswapLog.CorruptStoredBlock(_logger, cid.ToString());
            return null;
        }

        return owner;
    }
}
