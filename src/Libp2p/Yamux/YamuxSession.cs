using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Libp2p.Yamux;

/// <summary>
/// A Yamux 1.0.0 session over a secured connection (specs <c>yamux/README.md</c>): multiplexes streams with
/// per-stream flow control, answers pings, honours GoAway. One read loop dispatches frames and never blocks on
/// writes (window updates, ping answers and resets are queued for a control writer), and all frames are
/// written whole under one lock. Protocol violations close the session with a logged reason.
/// </summary>
public sealed partial class YamuxSession : IAsyncDisposable
{
    /// <summary>The multistream protocol id.</summary>
    public const string ProtocolId = "/yamux/1.0.0";

    private readonly Stream _transport;
    private readonly bool _isClient;
    private readonly ILogger _logger;
    private readonly Dictionary<uint, YamuxStream> _streams = [];
    private readonly Lock _streamsGate = new();
    private readonly Channel<YamuxStream> _accepted;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private uint _nextStreamId;
    private int _inboundCount;
    private int _outboundCount;
    private long _windowGrowthReserved;
    private long _payloadBytesSent;
    private long _payloadBytesReceived;
    private long _idleSinceTimestamp = Stopwatch.GetTimestamp();
    private bool _localGoAway;
    private bool _remoteGoAway;
    private int _terminated;
    private string? _closeReason;
    private Task _readLoop = Task.CompletedTask;
    private Task _writerLoop = Task.CompletedTask;
    private Task _maintenanceLoop = Task.CompletedTask;

    /// <summary>
    /// Creates a session. <paramref name="isClient"/> is true for the side that dialled the connection (it opens
    /// odd stream ids). Call <see cref="Start"/> to begin reading.
    /// </summary>
    public YamuxSession(Stream transport, bool isClient, YamuxOptions? options = null, ILogger? logger = null, string? remoteName = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _transport = transport;
        _isClient = isClient;
        Options = options ?? new YamuxOptions();
        _logger = logger ?? NullLogger.Instance;
        RemoteName = remoteName ?? "remote";
        _nextStreamId = isClient ? 1u : 2u;
        _accepted = Channel.CreateBounded<YamuxStream>(new BoundedChannelOptions(Math.Max(1, Options.AcceptBacklog)) { SingleReader = false, SingleWriter = true });
        _control = Channel.CreateUnbounded<YamuxHeader>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    }

    /// <summary>The options in force.</summary>
    public YamuxOptions Options { get; }

    /// <summary>Name of the remote used in log messages.</summary>
    public string RemoteName { get; }

    /// <summary>Completes when the session has closed (see <see cref="CloseReason"/>).</summary>
    public Task Completion => _completion.Task;

    /// <summary>Why the session closed, or null while it is open.</summary>
    public string? CloseReason => Volatile.Read(ref _closeReason);

    /// <summary>True once the session closed.</summary>
    public bool IsClosed => Volatile.Read(ref _terminated) != 0;

    /// <summary>Number of open streams.</summary>
    public int StreamCount
    {
        get
        {
            lock (_streamsGate)
            {
                return _streams.Count;
            }
        }
    }

    /// <summary>Stream payload bytes written to the transport so far (frame headers not counted).</summary>
    public long PayloadBytesSent => Interlocked.Read(ref _payloadBytesSent);

    /// <summary>Stream payload bytes received so far (frame headers not counted).</summary>
    public long PayloadBytesReceived => Interlocked.Read(ref _payloadBytesReceived);

    /// <summary>How long the session has had no open streams (zero while any stream is open).</summary>
    public TimeSpan IdleTime
    {
        get
        {
            lock (_streamsGate)
            {
                return _streams.Count > 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_idleSinceTimestamp);
            }
        }
    }

    /// <summary>Starts the read, control-write and keep-alive loops.</summary>
    public void Start()
    {
        _readLoop = Task.Run(ReadLoopAsync);
        _writerLoop = Task.Run(WriterLoopAsync);
        _maintenanceLoop = Task.Run(MaintenanceLoopAsync);
    }

    /// <summary>Opens a stream; the SYN is sent at once and data may follow without waiting for the ACK.</summary>
    public async Task<YamuxStream> OpenStreamAsync(CancellationToken cancellationToken = default)
    {
        YamuxStream stream;
        lock (_streamsGate)
        {
            ThrowIfClosed();
            if (_localGoAway || _remoteGoAway)
            {
                throw new IOException($"The connection to {RemoteName} is shutting down; no new streams can be opened.");
            }

            if (_outboundCount >= Options.MaxOutboundStreams)
            {
                throw new IOException($"The limit of {Options.MaxOutboundStreams} outbound streams to {RemoteName} is reached.");
            }

            if (_nextStreamId > uint.MaxValue - 2)
            {
                throw new IOException($"The stream ids of the connection to {RemoteName} are exhausted.");
            }

            stream = new YamuxStream(this, _nextStreamId, isInbound: false);
            _nextStreamId += 2;
            _streams.Add(stream.StreamId, stream);
            _outboundCount++;
        }

        try
        {
            await WriteFrameAsync(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, stream.StreamId, 0), ReadOnlyMemory<byte>.Empty, cancellationToken)
                .ConfigureAwait(false);
        }
        catch
        {
            RemoveStream(stream);
            throw;
        }

        return stream;
    }

    /// <summary>Waits for the next stream the remote opens; returns null once the session is closed.</summary>
    public async ValueTask<YamuxStream?> AcceptStreamAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _accepted.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Sends GoAway (normal), lets queued frames out and closes the connection.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        if (IsClosed)
        {
            return;
        }

        lock (_streamsGate)
        {
            _localGoAway = true;
        }

        // A peer that stopped reading must not hold up the close: wait briefly, then close regardless.
        cancellationToken.ThrowIfCancellationRequested();
        var goAway = await TrySendGoAwayAsync(YamuxGoAwayCode.Normal, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        Terminate("closed locally", isFault: false);
        await ObserveAsync(goAway).ConfigureAwait(false);
    }

    /// <summary>Closes the session at once with a logged reason (used for limits and misbehaving peers).</summary>
    public void Abort(string reason)
    {
        Terminate(reason, isFault: true);
    }

    /// <summary>Closes the session gracefully and waits for its loops to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        await Task.WhenAll(_readLoop, _writerLoop, _maintenanceLoop).ConfigureAwait(false);
        _lifetime.Dispose();
    }

    /// <summary>Reserves receive-window growth from the session budget.</summary>
    internal bool TryReserveWindowGrowth(int amount)
    {
        if (Interlocked.Add(ref _windowGrowthReserved, amount) <= Options.MaxSessionWindowGrowth)
        {
            return true;
        }

        Interlocked.Add(ref _windowGrowthReserved, -amount);
        return false;
    }

    /// <summary>Forgets a stream that is fully closed or reset.</summary>
    internal void RemoveStream(YamuxStream stream)
    {
        lock (_streamsGate)
        {
            if (!_streams.Remove(stream.StreamId))
            {
                return;
            }

            if (stream.IsInbound)
            {
                _inboundCount--;
            }
            else
            {
                _outboundCount--;
            }

            if (_streams.Count == 0)
            {
                _idleSinceTimestamp = Stopwatch.GetTimestamp();
            }
        }

        Interlocked.Add(ref _windowGrowthReserved, -stream.WindowGrowth);
    }

    private void ThrowIfClosed()
    {
        if (IsClosed)
        {
            throw new IOException($"The connection to {RemoteName} is closed: {CloseReason}.");
        }
    }

    private void Terminate(string reason, bool isFault)
    {
        if (Interlocked.Exchange(ref _terminated, 1) != 0)
        {
            return;
        }

        Volatile.Write(ref _closeReason, reason);
        if (isFault)
        {
            YamuxLog.SessionAborted(_logger, RemoteName, reason);
        }
        else
        {
            YamuxLog.SessionClosed(_logger, RemoteName, reason);
        }

        _lifetime.Cancel();
        _accepted.Writer.TryComplete();
        _control.Writer.TryComplete();
        List<YamuxStream> streams;
        lock (_streamsGate)
        {
            streams = [.. _streams.Values];
        }

        var failure = new IOException($"The connection to {RemoteName} closed: {reason}.");
        foreach (var stream in streams)
        {
            stream.OnSessionClosed(failure);
        }

        FailPendingPings(failure);
        FailQueuedWrites(failure);
        _transport.Dispose();
        _completion.TrySetResult();
    }
}
