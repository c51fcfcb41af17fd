using System.Buffers;
using System.Threading.Channels;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.PubSub.Network;

/// <summary>
/// The queue of RPCs for one peer and the loop that writes them, as frames, to the peer's long-lived outbound stream.
/// RPCs queued before the stream opens are kept (the hello goes first); a peer that cannot keep up loses RPCs
/// beyond the queue capacity instead of stalling the router.
/// </summary>
internal sealed class PeerOutbox
{
    private const int MaxBatchBytes = 256 * 1024;
    private readonly Channel<Rpc> _queue;

    public PeerOutbox(int capacity)
    {
        _queue = Channel.CreateBounded<Rpc>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });
    }

    /// <summary>RPCs dropped because the queue was full.</summary>
    public long Dropped { get; private set; }

    public bool TryEnqueue(Rpc rpc)
    {
        if (_queue.Writer.TryWrite(rpc))
        {
            return true;
        }

        Dropped++;
        return false;
    }

    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Writes queued RPCs to <paramref name="stream"/> until completion, coalescing bursts into one write.</summary>
    public async Task WriteLoopAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        while (await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            buffer.ResetWrittenCount();
            while (buffer.WrittenCount < MaxBatchBytes && _queue.Reader.TryRead(out var rpc))
            {
                var frame = rpc.CachedFrame ??= RpcEncoder.EncodeFrame(rpc);
                buffer.Write(frame);
            }

            await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

}
