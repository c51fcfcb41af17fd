using System.Diagnostics;

namespace DePinGpu.Libp2p.Yamux;

/// <summary>Pings (answering, measuring, keep-alive) and the check for a peer that stopped reading.</summary>
public sealed partial class YamuxSession
{
    private static readonly TimeSpan MaintenancePeriod = TimeSpan.FromSeconds(1);

    private readonly Dictionary<uint, (long Started, TaskCompletionSource<TimeSpan> Answer)> _pings = [];
    private uint _nextPingId;
    private long _roundTripTicks = -1;

    /// <summary>The last measured ping round-trip time, or null before the first answer.</summary>
    public TimeSpan? RoundTripTime
    {
        get
        {
            var ticks = Volatile.Read(ref _roundTripTicks);
            return ticks < 0 ? null : TimeSpan.FromTicks(ticks);
        }
    }

    /// <summary>Sends a Yamux ping and returns the round-trip time.</summary>
    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        var answer = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        uint id;
        lock (_pings)
        {
            ThrowIfClosed();
            id = _nextPingId++;
            _pings[id] = (Stopwatch.GetTimestamp(), answer);
        }

        try
        {
            await WriteFrameAsync(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Syn, 0, id), ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
            var roundTrip = await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _roundTripTicks, roundTrip.Ticks);
            return roundTrip;
        }
        finally
        {
            lock (_pings)
            {
                _pings.Remove(id);
            }
        }
    }

    private void HandlePing(YamuxHeader frame)
    {
        if (frame.StreamId != 0)
        {
            throw new Libp2pProtocolException($"A Ping frame arrived on stream {frame.StreamId}.");
        }

        if (frame.Flags == YamuxFlags.Syn)
        {
            EnqueueControl(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Ack, 0, frame.Length));
            return;
        }

        if (frame.Flags != YamuxFlags.Ack)
        {
            throw new Libp2pProtocolException($"A Ping frame carries flags {frame.Flags} instead of SYN or ACK.");
        }

        lock (_pings)
        {
            if (_pings.Remove(frame.Length, out var pending))
            {
                pending.Answer.TrySetResult(Stopwatch.GetElapsedTime(pending.Started));
            }
        }
    }

    private void FailPendingPings(Exception failure)
    {
        lock (_pings)
        {
            foreach (var pending in _pings.Values)
            {
                pending.Answer.TrySetException(failure);
            }

            _pings.Clear();
        }
    }

    private async Task MaintenanceLoopAsync()
    {
        using var timer = new PeriodicTimer(MaintenancePeriod);
        var sinceKeepAlive = TimeSpan.Zero;

        // Like js-libp2p, ping once at the start: the round-trip time steers receive-window growth.
        var keepAliveStarted = Stopwatch.GetTimestamp();
        Task<TimeSpan>? keepAlive = PingAsync(_lifetime.Token);
        try
        {
            while (await timer.WaitForNextTickAsync(_lifetime.Token).ConfigureAwait(false))
            {
                var writeStarted = Volatile.Read(ref _writeStartedTimestamp);
                if (writeStarted != 0 && Stopwatch.GetElapsedTime(writeStarted) > Options.WriteStallTimeout)
                {
                    Abort($"a write has been blocked for over {Options.WriteStallTimeout.TotalSeconds:0} s; the remote stopped reading");
                    return;
                }

                if (Options.KeepAliveInterval is not { } interval)
                {
                    continue;
                }

                if (keepAlive is { IsCompleted: false } && Stopwatch.GetElapsedTime(keepAliveStarted) > Options.PingTimeout)
                {
                    Abort($"a keep-alive ping went unanswered for {Options.PingTimeout.TotalSeconds:0} s");
                    return;
                }

                sinceKeepAlive += MaintenancePeriod;
                if (sinceKeepAlive >= interval && keepAlive is not { IsCompleted: false })
                {
                    sinceKeepAlive = TimeSpan.Zero;
                    keepAliveStarted = Stopwatch.GetTimestamp();
                    keepAlive = PingAsync(_lifetime.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The session closed.
        }
        finally
        {
            if (keepAlive is not null)
            {
                // Observe the last keep-alive so its failure (the session closing) is not left unobserved.
                await keepAlive.ContinueWith(static task => task.Exception, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }
}
