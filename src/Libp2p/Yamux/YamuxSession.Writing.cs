using System.Runtime.CompilerServices;
using System.Threading.Channels;
using DePinGpu.Libp2p.Threading;

namespace DePinGpu.Libp2p.Yamux;

/// <summary>
/// The write side. Writers queue whole frames; a writer that finds no flush running becomes the flusher and
/// writes what is queued (control frames first) in batches, so frames never interleave and concurrent streams
/// share transport writes. Once its own frame is out, a writer hands any remaining work to the session's writer
/// loop, which also sends the control frames the read loop queues.
/// </summary>
public sealed partial class YamuxSession
{
    /// <summary>Bytes gathered into one transport write at most (one frame is always taken, whatever its size).</summary>
    private const int FlushBatchBytes = 512 * 1024;

    private readonly Channel<YamuxHeader> _control;
    private readonly Lock _writeQueueGate = new();
    private readonly Queue<PendingWrite> _writeQueue = new();
    private readonly List<PendingWrite> _batch = [];
    private readonly List<ReadOnlyMemory<byte>> _pieces = [];
    private readonly AsyncSignal _writerWake = new();
    private bool _flushing;
    private bool _flushHandedOff;
    private long _writeStartedTimestamp;

    /// <summary>Queues a control frame without blocking (used by the read loop and by stream disposal).</summary>
    internal void EnqueueControl(YamuxHeader header)
    {
        if (IsClosed)
        {
            return;
        }

        if (_control.Reader.Count >= Options.MaxPendingControlFrames)
        {
            Abort($"{Options.MaxPendingControlFrames} control frames are queued unsent; the remote is not reading");
            return;
        }

        _control.Writer.TryWrite(header);
        _writerWake.Set();
    }

    /// <summary>
    /// Writes one frame (after any queued control frames). <paramref name="cancellationToken"/> is observed only
    /// before the frame is queued: a queued frame is written (or fails with the connection) because its payload
    /// is in use until then.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    internal async ValueTask WriteFrameAsync(YamuxHeader header, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var completion = new WriteCompletion();
        bool flushHere;
        lock (_writeQueueGate)
        {
            ThrowIfClosed();
            _writeQueue.Enqueue(new PendingWrite(header, payload, completion));
            flushHere = StartFlushing();
        }

        await FinishWriteAsync(flushHere, completion).ConfigureAwait(false);
    }

    /// <summary>
    /// Like <see cref="WriteFrameAsync"/> for several frames of one stream, queued back to back; the write completes when
    /// the last is written (only it carries <paramref name="completion"/>, and frames go out in order).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    internal async ValueTask WriteFramesAsync(List<(YamuxHeader Header, ReadOnlyMemory<byte> Payload)> frames, CancellationToken cancellationToken, WriteCompletion completion)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (frames.Count == 0)
        {
            return;
        }

        bool flushHere;
        lock (_writeQueueGate)
        {
            ThrowIfClosed();
            completion.Reset();
            for (var index = 0; index < frames.Count; index++)
            {
                _writeQueue.Enqueue(new PendingWrite(frames[index].Header, frames[index].Payload, index == frames.Count - 1 ? completion : null));
            }

            flushHere = StartFlushing();
        }

        await FinishWriteAsync(flushHere, completion).ConfigureAwait(false);
    }

    /// <summary>Under the queue lock: true when the caller becomes the flusher.</summary>
    private bool StartFlushing()
    {
        var flushHere = !_flushing;
        _flushing = true;
        return flushHere;
    }

    private async ValueTask FinishWriteAsync(bool flushHere, WriteCompletion completion)
    {
        if (flushHere)
        {
            await FlushQueueAsync(completion).ConfigureAwait(false);
        }

        await completion.Task.ConfigureAwait(false);
    }

    private async Task WriterLoopAsync()
    {
        try
        {
            while (!_lifetime.IsCancellationRequested)
            {
                await _writerWake.WaitAsync(_lifetime.Token).ConfigureAwait(false);
                bool flushHere;
                lock (_writeQueueGate)
                {
                    // Take over a hand-off, or start a flush for control frames when nobody is flushing; a running
                    // flusher drains the control frames itself before it stops.
                    flushHere = _flushHandedOff || (!_flushing && _control.Reader.Count > 0);
                    _flushHandedOff = false;
                    _flushing |= flushHere;
                }

                if (flushHere)
                {
                    await FlushQueueAsync(owner: null).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The session is ending; Terminate reports why.
        }
    }

    /// <summary>
    /// Writes queued frames and completes their writers. A stream writer (<paramref name="owner"/> set) stops once
    /// its own frame is written and hands the rest to the writer loop; the writer loop runs until all is sent.
    /// </summary>
    private async Task FlushQueueAsync(WriteCompletion? owner)
    {
        while (true)
        {
            var ownFrameSent = false;
            lock (_writeQueueGate)
            {
                TakeBatch();
                if (_batch.Count == 0 && _control.Reader.Count == 0)
                {
                    _flushing = false;
                    return;
                }
            }

            try
            {
                await WriteBatchAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException)
            {
                Terminate(IsClosed ? CloseReason ?? "closed" : $"writing failed: {exception.Message}", isFault: false);
                FailBatch(new IOException($"The connection to {RemoteName} is closed: {CloseReason}.", exception));
                lock (_writeQueueGate)
                {
                    _flushing = false;
                }

                return;
            }

            foreach (var write in _batch)
            {
                ownFrameSent |= write.Completion is not null && ReferenceEquals(write.Completion, owner);
                write.Completion?.SetSucceeded();
            }

            _batch.Clear();
            if (ownFrameSent)
            {
                lock (_writeQueueGate)
                {
                    if (_writeQueue.Count == 0 && _control.Reader.Count == 0)
                    {
                        _flushing = false;
                        return;
                    }

                    _flushHandedOff = true;
                }

                _writerWake.Set();
                return;
            }
        }
    }

    private void TakeBatch()
    {
        var bytes = 0;
        while (_writeQueue.TryPeek(out var next) && (_batch.Count == 0 || bytes + next.Payload.Length <= FlushBatchBytes))
        {
            _batch.Add(_writeQueue.Dequeue());
            bytes += YamuxHeader.Size + next.Payload.Length;
        }
    }

    private void FailBatch(Exception failure)
    {
        foreach (var write in _batch)
        {
            write.Completion?.SetFailed(failure);
        }

        _batch.Clear();
    }

    /// <summary>Fails every queued write (the session closed).</summary>
    private void FailQueuedWrites(Exception failure)
    {
        lock (_writeQueueGate)
        {
            while (_writeQueue.TryDequeue(out var write))
            {
                write.Completion?.SetFailed(failure);
            }
        }
    }

    /// <summary>Queues a GoAway and waits briefly for it; returns the write so the caller can observe it after closing.</summary>
    private async Task<Task> TrySendGoAwayAsync(YamuxGoAwayCode code, TimeSpan wait)
    {
        Task writing;
        try
        {
            writing = WriteFrameAsync(new YamuxHeader(YamuxFrameType.GoAway, YamuxFlags.None, 0, (uint)code), ReadOnlyMemory<byte>.Empty, CancellationToken.None).AsTask();
        }
        catch (IOException)
        {
            // Already closed: nothing to send.
            return Task.CompletedTask;
        }

        await Task.WhenAny(writing, Task.Delay(wait)).ConfigureAwait(false);
        return writing;
    }

    /// <summary>Waits for a write that may fail because the connection is closing; its failure is expected then.</summary>
    private static async Task ObserveAsync(Task writing)
    {
        try
        {
            await writing.ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The connection closed before the frame went out: that is what closing means here.
        }
    }

    /// <summary>A queued frame; <see cref="Completion"/> is null for all but the last frame of a multi-frame write.</summary>
    private readonly record struct PendingWrite(YamuxHeader Header, ReadOnlyMemory<byte> Payload, WriteCompletion? Completion);
}
