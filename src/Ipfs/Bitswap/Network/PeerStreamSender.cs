using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Ipfs.Bitswap.Network;

/// <summary>
/// The outbound Bitswap stream to one peer: opened on first use, reused for every message while busy (writes are
/// serialized, so messages keep their order), closed when idle, reopened once if a write fails.
/// </summary>
internal sealed class PeerStreamSender(Libp2pHost host, PeerId peer) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Libp2pStream? _stream;
    private long _lastUsed = Environment.TickCount64;
    private bool _disposed;

    public PeerId Peer { get; } = peer;

    /// <summary>Writes one frame; throws <see cref="IOException"/> when no stream can be opened or written.</summary>
    public async Task SendAsync(EncodedMessage message, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            for (var attempt = 0; ; attempt++)
            {
                var stream = _stream ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await stream.WriteAsync(message.Pieces, cancellationToken).ConfigureAwait(false);
                    _lastUsed = Environment.TickCount64;
                    return;
                }
                catch (Exception exception) when (attempt == 0 && exception is IOException or ObjectDisposedException or InvalidOperationException)
                {
                    // The remote reset or timed out the old stream (Helia drops idle ones): retry once on a fresh stream.
                    await ResetAsync().ConfigureAwait(false);
                }
            }
        }
        catch (Exception exception) when (exception is ObjectDisposedException or InvalidOperationException)
        {
            await ResetAsync().ConfigureAwait(false);
            throw new IOException($"Sending a Bitswap message to {Peer} failed: {exception.Message}", exception);
        }
        catch (IOException)
        {
            await ResetAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the stream (with FIN) when it has been idle for <paramref name="idle"/>; true when nothing is left open.</summary>
    public async Task<bool> CloseIfIdleAsync(TimeSpan idle)
    {
        if (!await _gate.WaitAsync(0).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            if (_stream is null)
            {
                return true;
            }

            if (Environment.TickCount64 - _lastUsed < idle.TotalMilliseconds)
            {
                return false;
            }

            await CloseAsync().ConfigureAwait(false);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            await CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Libp2pStream> OpenAsync(CancellationToken cancellationToken)
    {
        if (!host.IsConnected(Peer))
        {
            throw new IOException($"No connection to {Peer}; Bitswap messages are only sent over open connections.");
        }

        return await host.OpenStreamAsync(Peer, [Libp2pBitswapNetwork.ProtocolId], cancellationToken).ConfigureAwait(false);
    }

    private async Task CloseAsync()
    {
        if (_stream is not { } stream)
        {
            return;
        }

        _stream = null;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await stream.CloseWriteAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The stream is already broken; disposing it below releases it either way.
        }

        await stream.DisposeAsync().ConfigureAwait(false);
    }

    private async Task ResetAsync()
    {
        if (_stream is { } stream)
        {
            _stream = null;
            stream.Reset();
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
