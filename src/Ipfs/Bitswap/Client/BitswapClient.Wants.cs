using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Bitswap.Client;

/// <summary>Wants and cancels from fetches, coalesced per peer into wantlist messages.</summary>
public sealed partial class BitswapClient
{
    /// <summary>Asks <paramref name="peer"/> for <paramref name="cid"/> (sent unless an equal or stronger want is already out).</summary>
    internal void Want(PeerId peer, Cid cid, WantType type)
    {
        if (RecordsOf(peer).Want(cid, type) is { } entry)
        {
            Enqueue(peer, entry);
        }
    }

    /// <summary>Withdraws one fetch's want; the cancel goes out once no fetch wants the block from that peer.</summary>
    internal void Cancel(PeerId peer, Cid cid, WantType type)
    {
        if (_records.TryGetValue(peer, out var records) && records.Cancel(cid, type) is { } entry)
        {
            Enqueue(peer, entry);
        }
    }

    private void Enqueue(PeerId peer, WantlistEntry entry)
    {
        var outbox = _outboxes.GetOrAdd(peer, static _ => new PendingWantlist());
        if (outbox.Add(entry))
        {
            _flushes.Run(() => FlushAsync(peer, outbox));
        }
    }

    private async Task FlushAsync(PeerId peer, PendingWantlist outbox)
    {
        while (true)
        {
            EncodedMessage message;
            using (var builder = new BitswapMessageBuilder(_options.MaxMessageSize))
            {
                if (!outbox.TakeBatch(builder))
                {
                    return;
                }

                message = builder.Build();
            }

            try
            {
                await _network.SendAsync(peer, message, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                // The peer is unreachable: fetches notice through the disconnect event or their timeouts and re-ask elsewhere.
                BitswapLog.SendFailed(_logger, peer.ToString(), exception.Message);
            }
            finally
            {
                message.Dispose();
            }
        }
    }
}
