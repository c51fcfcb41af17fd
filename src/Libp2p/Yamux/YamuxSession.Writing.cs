using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace DePinGpu.Libp2p.Yamux;

/// <summary>
/// The write side: every frame is written whole under one lock, and control frames queued by the read loop are
/// written ahead of the next frame (or by the control loop when no stream is writing).
/// </summary>
public sealed partial class YamuxSession
{
    private readonly Channel<YamuxHeader> _control;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
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
    }

    /// <summary>Writes one frame (after any queued control frames) and flushes it.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    internal async ValueTask WriteFrameAsync(YamuxHeader header, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfClosed();
            await WriteLockedAsync(header, payload).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ControlLoopAsync()
    {
        try
        {
            while (await _control.Reader.WaitToReadAsync(_lifetime.Token).ConfigureAwait(false))
            {
                await _writeLock.WaitAsync(_lifetime.Token).ConfigureAwait(false);
                try
                {
                    if (_control.Reader.Count > 0)
                    {
                        await WriteLockedAsync(null, ReadOnlyMemory<byte>.Empty).ConfigureAwait(false);
                    }
                }
                finally
                {
                    _writeLock.Release();
                }
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The session is ending; Terminate (called by whoever saw the failure) reports why.
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteLockedAsync(YamuxHeader? header, ReadOnlyMemory<byte> payload)
    {
        var controlCount = _control.Reader.Count;
        var size = (controlCount * YamuxHeader.Size) + (header is null ? 0 : YamuxHeader.Size + payload.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, YamuxHeader.Size));
        try
        {
            var offset = 0;
            for (var index = 0; index < controlCount && _control.Reader.TryRead(out var control); index++)
            {
                control.Write(buffer.AsSpan(offset));
                offset += YamuxHeader.Size;
            }

            if (header is { } frame)
            {
                frame.Write(buffer.AsSpan(offset));
                offset += YamuxHeader.Size;
                payload.Span.CopyTo(buffer.AsSpan(offset));
                offset += payload.Length;
            }

            if (offset == 0)
            {
                return;
            }

            Volatile.Write(ref _writeStartedTimestamp, Stopwatch.GetTimestamp());
            await _transport.WriteAsync(buffer.AsMemory(0, offset), _lifetime.Token).ConfigureAwait(false);
            await _transport.FlushAsync(_lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException)
        {
            Terminate(IsClosed ? CloseReason ?? "closed" : $"writing failed: {exception.Message}", isFault: false);
            throw new IOException($"The connection to {RemoteName} is closed: {CloseReason}.", exception);
        }
        finally
        {
            Volatile.Write(ref _writeStartedTimestamp, 0);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task TrySendGoAwayAsync(YamuxGoAwayCode code)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        try
        {
            await WriteFrameAsync(new YamuxHeader(YamuxFrameType.GoAway, YamuxFlags.None, 0, (uint)code), ReadOnlyMemory<byte>.Empty, timeout.Token)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Best effort: the session closes either way.
        }
    }
}
