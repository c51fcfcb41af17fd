using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Libp2p.Hosting;

namespace DePinGpu.Ipfs.Bitswap.Network;

/// <summary>Inbound stream reading and the idle-stream sweep.</summary>
public sealed partial class Libp2pBitswapNetwork
{
    private async Task HandleStreamAsync(Libp2pStream stream, CancellationToken cancellationToken)
    {
        var peer = stream.RemotePeer;
        MarkBitswapPeer(peer);

        var reader = new BitswapMessageReader(stream, _options.MessageLimits);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        try
        {
            // Inbound Bitswap streams are one-way: close our side at once so the stream ends when the remote closes its own.
            await stream.CloseWriteAsync(linked.Token).ConfigureAwait(false);
            while (true)
            {
                linked.CancelAfter(_options.InboundIdleTimeout);
                using var received = await reader.ReadAsync(linked.Token).ConfigureAwait(false);
                if (received is null)
                {
                    return;
                }

                linked.CancelAfter(Timeout.InfiniteTimeSpan);
                await DeliverAsync(peer, received.Message, linked.Token).ConfigureAwait(false);
            }
        }
        catch (FormatException exception)
        {
            BitswapLog.InboundStreamFailed(_logger, peer.ToString(), exception.Message);
            stream.Reset();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !_stopping.IsCancellationRequested)
        {
            BitswapLog.InboundStreamFailed(_logger, peer.ToString(), $"no message for {_options.InboundIdleTimeout.TotalSeconds:0.#} s");
            stream.Reset();
        }
        catch (IOException exception)
        {
            // The remote reset the stream or the connection closed; nothing more will arrive on it.
            BitswapLog.InboundStreamFailed(_logger, peer.ToString(), exception.Message);
        }
    }

    private async Task DeliverAsync(DePinGpu.Libp2p.Identity.PeerId peer, BitswapMessage message, CancellationToken cancellationToken)
    {
        Metrics.Received(message);
        if (_handler is not { } handler || message.IsEmpty)
        {
            return;
        }

        try
        {
            await handler(peer, message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // One bad message must not kill the stream: the engine's error is logged and the next message is read.
            BitswapLog.HandlerFailed(_logger, peer.ToString(), exception);
        }
    }

    private async Task CloseIdleStreamsLoopAsync()
    {
        var period = TimeSpan.FromMilliseconds(Math.Max(100, _options.IdleStreamTimeout.TotalMilliseconds / 4));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                foreach (var sender in _senders.Values)
                {
                    await sender.CloseIfIdleAsync(_options.IdleStreamTimeout).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutdown: DisposeAsync closes the remaining streams.
        }
    }
}
