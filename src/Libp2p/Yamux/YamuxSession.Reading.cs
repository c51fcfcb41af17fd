using System.Buffers;
using System.Runtime.CompilerServices;

namespace DePinGpu.Libp2p.Yamux;

/// <summary>The read loop: parses frames and dispatches them to streams, pings and GoAway handling.</summary>
public sealed partial class YamuxSession
{
    /// <summary>Payload bytes read into one pooled buffer: a whole frame of this side's size, so no Noise message is split.</summary>
    private const int ReceiveChunk = 256 * 1024;

    private async Task ReadLoopAsync()
    {
        var header = new byte[YamuxHeader.Size];
        string reason;
        try
        {
            while (await ReadHeaderAsync(header).ConfigureAwait(false))
            {
                var frame = YamuxHeader.Read(header);
                switch (frame.Type)
                {
                    case YamuxFrameType.Data:
                    case YamuxFrameType.WindowUpdate:
                        await HandleStreamFrameAsync(frame).ConfigureAwait(false);
                        break;
                    case YamuxFrameType.Ping:
                        HandlePing(frame);
                        break;
                    default:
                        if (HandleGoAway(frame))
                        {
                            Terminate($"the remote sent GoAway code {frame.Length}", isFault: frame.Length != (uint)YamuxGoAwayCode.Normal);
                            return;
                        }

                        break;
                }
            }

            reason = "the remote closed the connection";
        }
        catch (Libp2pProtocolException exception)
        {
            YamuxLog.ProtocolViolation(_logger, RemoteName, exception.Message);
            var goAway = await TrySendGoAwayAsync(YamuxGoAwayCode.ProtocolError, TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
            Terminate($"protocol violation: {exception.Message}", isFault: true);
            await ObserveAsync(goAway).ConfigureAwait(false);
            return;
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException)
        {
            reason = IsClosed ? CloseReason ?? "closed" : $"the connection failed: {exception.Message}";
        }

        Terminate(reason, isFault: false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadHeaderAsync(byte[] header)
    {
        var read = await _transport.ReadAsync(header, _lifetime.Token).ConfigureAwait(false);
        if (read == 0)
        {
            return false;
        }

        if (read < header.Length)
        {
            await _transport.ReadExactlyAsync(header.AsMemory(read), _lifetime.Token).ConfigureAwait(false);
        }

        return true;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask HandleStreamFrameAsync(YamuxHeader frame)
    {
        if (frame.StreamId == 0)
        {
            throw new Libp2pProtocolException($"A {frame.Type} frame arrived on stream 0.");
        }

        if (frame.Type == YamuxFrameType.Data && frame.Length > (uint)Options.MaxReceiveWindowSize)
        {
            throw new Libp2pProtocolException($"A {frame.Length}-byte Data frame exceeds any window this side grants.");
        }

        var stream = (frame.Flags & YamuxFlags.Syn) != 0 ? AcceptIncoming(frame.StreamId) : FindStream(frame.StreamId);
        if (frame.Type == YamuxFrameType.Data)
        {
            await ReceiveDataAsync(stream, frame).ConfigureAwait(false);
        }
        else if (stream is not null && !stream.OnWindowUpdate(frame.Length))
        {
            throw new Libp2pProtocolException($"Window updates on stream {frame.StreamId} overflow 2^32-1 bytes.");
        }

        if (stream is null)
        {
            if ((frame.Flags & YamuxFlags.Syn) == 0)
            {
                YamuxLog.UnknownStream(_logger, RemoteName, frame.Type, frame.StreamId);
            }

            return;
        }

        if ((frame.Flags & YamuxFlags.Rst) != 0)
        {
            stream.OnRemoteReset();
        }
        else if ((frame.Flags & YamuxFlags.Fin) != 0)
        {
            stream.OnRemoteFin();
        }
    }

    private YamuxStream? FindStream(uint streamId)
    {
        lock (_streamsGate)
        {
            return _streams.GetValueOrDefault(streamId);
        }
    }

    private YamuxStream? AcceptIncoming(uint streamId)
    {
        var remoteIsClient = !_isClient;
        if ((streamId % 2 == 1) != remoteIsClient)
        {
            throw new Libp2pProtocolException($"The remote opened stream {streamId}, whose parity belongs to this side.");
        }

        string? refusal = null;
        YamuxStream? stream = null;
        lock (_streamsGate)
        {
            if (_streams.ContainsKey(streamId))
            {
                throw new Libp2pProtocolException($"The remote opened stream {streamId} twice.");
            }

            if (_localGoAway || IsClosed)
            {
                refusal = "the session is shutting down";
            }
            else if (_inboundCount >= Options.MaxInboundStreams)
            {
                refusal = $"the limit of {Options.MaxInboundStreams} inbound streams is reached";
            }
            else
            {
                stream = new YamuxStream(this, streamId, isInbound: true);
                _streams.Add(streamId, stream);
                _inboundCount++;
            }
        }

        if (stream is null)
        {
            YamuxLog.StreamRefused(_logger, RemoteName, streamId, refusal!);
            EnqueueControl(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Rst, streamId, 0));
            return null;
        }

        // Acknowledge at once: some implementations (go-yamux) cap streams awaiting an ACK.
        EnqueueControl(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Ack, streamId, 0));
        if (!_accepted.Writer.TryWrite(stream))
        {
            YamuxLog.StreamRefused(_logger, RemoteName, streamId, "the accept backlog is full");
            stream.Reset();
            return null;
        }

        return stream;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReceiveDataAsync(YamuxStream? stream, YamuxHeader frame)
    {
        Interlocked.Add(ref _payloadBytesReceived, frame.Length);
        var decision = YamuxReceiveDecision.DiscardAndCredit;
        if (stream is not null)
        {
            decision = stream.ReserveReceive(frame.Length, out var violation);
            if (decision == YamuxReceiveDecision.Violation)
            {
                throw new Libp2pProtocolException(violation!);
            }
        }

        var remaining = (int)frame.Length;
        while (remaining > 0)
        {
            var chunk = Math.Min(remaining, ReceiveChunk);
            var pooled = ArrayPool<byte>.Shared.Rent(chunk);
            try
            {
                await _transport.ReadExactlyAsync(pooled.AsMemory(0, chunk), _lifetime.Token).ConfigureAwait(false);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(pooled);
                throw;
            }

            if (decision != YamuxReceiveDecision.Accept || !stream!.Append(pooled, chunk))
            {
                ArrayPool<byte>.Shared.Return(pooled);
            }

            remaining -= chunk;
        }

        if (decision == YamuxReceiveDecision.Accept)
        {
            stream!.SignalReadable();
        }
        else if (stream is not null && frame.Length > 0)
        {
            EnqueueControl(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.None, frame.StreamId, frame.Length));
        }
    }

    private bool HandleGoAway(YamuxHeader frame)
    {
        YamuxLog.RemoteGoAway(_logger, RemoteName, frame.Length);
        lock (_streamsGate)
        {
            _remoteGoAway = true;
        }

        // Normal termination lets open streams finish; an error code ends the session now.
        return frame.Length != (uint)YamuxGoAwayCode.Normal;
    }
}
