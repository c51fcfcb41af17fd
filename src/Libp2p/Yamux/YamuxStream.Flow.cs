using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace DePinGpu.Libp2p.Yamux;

/// <summary>Flow control of a stream: send-window reservation, receive-window updates, and release on close.</summary>
public sealed partial class YamuxStream
{
    /// <summary>Takes the one-writer-at-a-time slot; a second concurrent write is a caller error.</summary>
    private void BeginWrite()
    {
        if (Interlocked.Exchange(ref _writing, 1) == 1)
        {
            throw new InvalidOperationException("Another write is in progress on this stream; serialise writes.");
        }
    }

    /// <summary>
    /// Frames <paramref name="pieces"/> as Data frames within the send window and queues them in batches (the caller holds
    /// the write slot). Frames already queued when the window runs out are sent before waiting for more.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteFramedAsync(IReadOnlyList<ReadOnlyMemory<byte>> pieces, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var piece in pieces)
            {
                for (var offset = 0; offset < piece.Length;)
                {
                    var chunk = TryReserveSendWindow(piece.Length - offset);
                    if (chunk == 0)
                    {
                        await _session.WriteFramesAsync(_gatheredFrames, cancellationToken, _writeCompletion).ConfigureAwait(false);
                        _gatheredFrames.Clear();
                        chunk = await ReserveSendWindowAsync(piece.Length - offset, cancellationToken).ConfigureAwait(false);
                    }

                    _gatheredFrames.Add((new YamuxHeader(YamuxFrameType.Data, YamuxFlags.None, StreamId, (uint)chunk), piece.Slice(offset, chunk)));
                    offset += chunk;
                }
            }

            await _session.WriteFramesAsync(_gatheredFrames, cancellationToken, _writeCompletion).ConfigureAwait(false);
        }
        finally
        {
            _gatheredFrames.Clear();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReserveSendWindowAsync(int wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            var chunk = TryReserveSendWindow(wanted);
            if (chunk > 0)
            {
                return chunk;
            }

            await _writable.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes up to <paramref name="wanted"/> bytes (one frame at most) of send window; 0 when none is left.</summary>
    private int TryReserveSendWindow(int wanted)
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                throw new IOException(_failure.Message, _failure);
            }

            if (_localWriteClosed || _readAbandoned)
            {
                throw new InvalidOperationException($"Stream {StreamId} is closed for writing.");
            }

            if (_sendWindow <= 0)
            {
                return 0;
            }

            var chunk = (int)Math.Min(Math.Min(wanted, _sendWindow), _session.Options.MaxFramePayload);
            _sendWindow -= chunk;
            return chunk;
        }
    }

    private int CopyReceived(Span<byte> destination)
    {
        var copied = 0;
        while (copied < destination.Length && _received.TryPeek(out var segment))
        {
            var count = Math.Min(segment.Count - _headConsumed, destination.Length - copied);
            segment.AsSpan(_headConsumed, count).CopyTo(destination[copied..]);
            copied += count;
            _headConsumed += count;
            if (_headConsumed == segment.Count)
            {
                _received.Dequeue();
                ArrayPool<byte>.Shared.Return(segment.Array!);
                _headConsumed = 0;
            }
        }

        _buffered -= copied;
        return copied;
    }

    private int TakeWindowUpdate()
    {
        if (_remoteWriteClosed || _failure is not null)
        {
            return 0;
        }

        var consumedUncredited = _receiveWindow - _receiveCredit - _buffered;
        if (consumedUncredited < _receiveWindow / 2)
        {
            return 0;
        }

        // Half the window was consumed within a few round trips: the window, not the reader, limits
        // throughput, so grow it (the rule js-libp2p's yamux uses). Slow readers never trigger this.
        var now = Stopwatch.GetTimestamp();
        if (_receiveWindow < _session.Options.MaxReceiveWindowSize
            && _session.RoundTripTime is { } roundTrip
            && Stopwatch.GetElapsedTime(_epochStartTimestamp, now) <= 4 * Max(roundTrip, MinimumRoundTrip))
        {
            var growth = Math.Min(_receiveWindow, _session.Options.MaxReceiveWindowSize - _receiveWindow);
            if (_session.TryReserveWindowGrowth(growth))
            {
                _receiveWindow += growth;
            }
        }

        _epochStartTimestamp = now;
        var delta = _receiveWindow - _receiveCredit - _buffered;
        _receiveCredit += delta;
        return delta;
    }

    private static TimeSpan Max(TimeSpan left, TimeSpan right) => left > right ? left : right;

    private void ReleaseReceived()
    {
        while (_received.TryDequeue(out var segment))
        {
            ArrayPool<byte>.Shared.Return(segment.Array!);
        }

        _headConsumed = 0;
        _buffered = 0;
    }

    private void Abandon()
    {
        var sendFin = false;
        var credit = 0;
        lock (_gate)
        {
            if (_readAbandoned || _failure is not null)
            {
                _readAbandoned = true;
                return;
            }

            _readAbandoned = true;
            sendFin = !_localWriteClosed;
            _localWriteClosed = true;
            ReleaseReceived();
            if (!_remoteWriteClosed)
            {
                // Hand back everything outstanding so the remote can finish its writes; later data is dropped.
                credit = _receiveWindow - _receiveCredit;
                _receiveCredit = _receiveWindow;
            }
        }

        _readable.Set();
        _writable.Set();
        if (credit > 0)
        {
            _session.EnqueueControl(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.None, StreamId, (uint)credit));
        }

        if (sendFin)
        {
            _session.EnqueueControl(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Fin, StreamId, 0));
        }

        RemoveIfFullyClosed();
    }

    private void RemoveIfFullyClosed()
    {
        lock (_gate)
        {
            if (!_localWriteClosed || !_remoteWriteClosed || _removed)
            {
                return;
            }

            _removed = true;
        }

        _session.RemoveStream(this);
    }
}
