using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using DePinGpu.Libp2p.Buffers;

namespace DePinGpu.Libp2p.Yamux;

/// <summary>Laying out a batch of queued frames and writing it to the transport in one write.</summary>
public sealed partial class YamuxSession
{
    /// <summary>
    /// Writes the queued control frames and the batch. A transport that gathers (the Noise channel) gets the headers
    /// and the payloads as they lie; any other transport gets one buffer they are copied into.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteBatchAsync()
    {
        var controlCount = _control.Reader.Count;
        var gathering = _transport as IGatherWriter;
        var size = (controlCount + _batch.Count) * YamuxHeader.Size;
        var payloadBytes = 0L;
        foreach (var write in _batch)
        {
            payloadBytes += write.Payload.Length;
        }

        size += gathering is null ? (int)payloadBytes : 0;

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, YamuxHeader.Size));
        try
        {
            var offset = WriteFrames(buffer, controlCount, copyPayloads: gathering is null);
            if (offset == 0)
            {
                return;
            }

            Volatile.Write(ref _writeStartedTimestamp, Stopwatch.GetTimestamp());
            if (gathering is null)
            {
                await _transport.WriteAsync(buffer.AsMemory(0, offset), _lifetime.Token).ConfigureAwait(false);
            }
            else
            {
                await gathering.WriteAsync(_pieces, _lifetime.Token).ConfigureAwait(false);
            }

            await _transport.FlushAsync(_lifetime.Token).ConfigureAwait(false);
            Interlocked.Add(ref _payloadBytesSent, payloadBytes);
        }
        finally
        {
            _pieces.Clear();
            Volatile.Write(ref _writeStartedTimestamp, 0);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Lays out up to <paramref name="controlCount"/> control frames and the batch's frames in <paramref name="buffer"/>:
    /// headers and, when <paramref name="copyPayloads"/>, payloads; otherwise <see cref="_pieces"/> lists headers and
    /// payloads in wire order. Returns the bytes used in the buffer.
    /// </summary>
    private int WriteFrames(byte[] buffer, int controlCount, bool copyPayloads)
    {
        var offset = 0;
        for (var index = 0; index < controlCount && _control.Reader.TryRead(out var control); index++)
        {
            control.Write(buffer.AsSpan(offset));
            offset += YamuxHeader.Size;
        }

        var pieceStart = 0;
        foreach (var write in _batch)
        {
            write.Header.Write(buffer.AsSpan(offset));
            offset += YamuxHeader.Size;
            if (copyPayloads)
            {
                write.Payload.Span.CopyTo(buffer.AsSpan(offset));
                offset += write.Payload.Length;
            }
            else if (!write.Payload.IsEmpty)
            {
                _pieces.Add(buffer.AsMemory(pieceStart, offset - pieceStart));
                _pieces.Add(write.Payload);
                pieceStart = offset;
            }
        }

        if (!copyPayloads && offset > pieceStart)
        {
            _pieces.Add(buffer.AsMemory(pieceStart, offset - pieceStart));
        }

        return offset;
    }
}
