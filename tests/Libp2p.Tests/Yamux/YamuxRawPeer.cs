using System.Buffers.Binary;
using System.Threading.Channels;
using DePinGpu.Libp2p.Tests.Support;
using DePinGpu.Libp2p.Yamux;
using Microsoft.Extensions.Logging;
using static DePinGpu.Libp2p.Tests.Yamux.YamuxPair;

namespace DePinGpu.Libp2p.Tests.Yamux;

/// <summary>
/// A frame-level client facing one server session: it writes frames itself, collects the server's window updates in
/// order, and answers the server's pings after <paramref name="pingDelay"/> (a long delay makes the server measure a
/// long round trip, which makes the window-growth rule's time bound generous), or never when it is null (the server
/// then knows no round trip, and windows never grow). Every frame header the server sends is kept in order (Data
/// payloads are read past), and <see cref="SyncAsync"/> waits until everything the server queued before it is seen.
/// </summary>
internal sealed class YamuxRawPeer : IAsyncDisposable
{
    private readonly InMemoryDuplex _raw;
    private readonly TimeSpan? _pingDelay;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Channel<(YamuxFlags Flags, uint StreamId, uint Length)> _updates = Channel.CreateUnbounded<(YamuxFlags, uint, uint)>();
    private readonly Channel<uint> _pingAnswers = Channel.CreateUnbounded<uint>();
    private readonly List<(YamuxFrameType Type, YamuxFlags Flags, uint StreamId, uint Length)> _frames = [];
    private readonly Task _pump;
    private uint _nextSyncId = 1_000_000;

    public YamuxRawPeer(YamuxOptions options, TimeSpan? pingDelay, ILogger? logger = null)
    {
        (Server, _raw) = CreateRaw(options with { KeepAliveInterval = null }, logger: logger);
        _pingDelay = pingDelay;
        _pump = Task.Run(PumpAsync);
    }

    public YamuxSession Server { get; }

    /// <summary>Opens stream <paramref name="streamId"/> and returns the server's side of it.</summary>
    public async Task<YamuxStream> OpenAsync(uint streamId)
    {
        await SendAsync(Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, streamId, 0));
        return (await Server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!;
    }

    /// <summary>Sends <paramref name="count"/> bytes of data on the stream and waits until the server has them buffered.</summary>
    public async Task SendDataAsync(YamuxStream stream, int count)
    {
        var before = stream.BufferedBytes;
        await SendAsync(Frame(YamuxFrameType.Data, YamuxFlags.None, stream.StreamId, (uint)count, new byte[count]));
        await YamuxSessionTests.WaitUntilAsync(() => stream.BufferedBytes >= before + count);
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes in one read (the caller made sure they are buffered).</summary>
    public static async Task ReadOnceAsync(YamuxStream stream, int count)
    {
        var read = await stream.ReadAsync(new byte[count]).AsTask().WaitAsync(TestTimeout);
        Assert.Equal(count, read);
    }

    /// <summary>The next credit (a plain window update) the server granted on <paramref name="streamId"/>.</summary>
    public async Task<uint> NextCreditAsync(uint streamId)
    {
        while (true)
        {
            var update = await _updates.Reader.ReadAsync().AsTask().WaitAsync(TestTimeout);
            if (update.Flags == YamuxFlags.None && update.StreamId == streamId)
            {
                return update.Length;
            }
        }
    }

    /// <summary>True when no credit for the stream has arrived (the ones seen so far are dropped).</summary>
    public bool NoCreditQueued(uint streamId)
    {
        while (_updates.Reader.TryRead(out var update))
        {
            if (update.Flags == YamuxFlags.None && update.StreamId == streamId)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Pings the server and waits for its answer: the server queues control frames in order and answers a ping from its
    /// read loop, so every frame it queued before reading the ping has then arrived here.
    /// </summary>
    public async Task SyncAsync()
    {
        var id = Interlocked.Increment(ref _nextSyncId);
        await SendAsync(Frame(YamuxFrameType.Ping, YamuxFlags.Syn, 0, id));
        while (await _pingAnswers.Reader.ReadAsync().AsTask().WaitAsync(TestTimeout) != id)
        {
        }
    }

    /// <summary>The frame headers the server sent on <paramref name="streamId"/> so far, in order.</summary>
    public List<(YamuxFrameType Type, YamuxFlags Flags, uint StreamId, uint Length)> FramesFor(uint streamId)
    {
        lock (_frames)
        {
            return _frames.FindAll(frame => frame.StreamId == streamId);
        }
    }

    public async Task SendAsync(byte[] frame)
    {
        await _writeGate.WaitAsync();
        try
        {
            await _raw.WriteAsync(frame);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _raw.Dispose();
        await _pump.WaitAsync(TestTimeout);
        _writeGate.Dispose();
    }

    private async Task PumpAsync()
    {
        var header = new byte[12];
        try
        {
            while (true)
            {
                // No timeout here: the pump waits as long as the test runs.
                await _raw.ReadExactlyAsync(header);
                var type = (YamuxFrameType)header[1];
                var flags = (YamuxFlags)BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2));
                var streamId = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
                var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8));
                lock (_frames)
                {
                    _frames.Add((type, flags, streamId, length));
                }

                if (type == YamuxFrameType.Data)
                {
                    await _raw.ReadExactlyAsync(new byte[length]);
                }
                else if (type == YamuxFrameType.Ping && flags == YamuxFlags.Ack)
                {
                    _pingAnswers.Writer.TryWrite(length);
                }
                else if (type == YamuxFrameType.Ping && flags == YamuxFlags.Syn && _pingDelay is { } delay)
                {
                    _ = AnswerPingAsync(length, delay);
                }
                else if (type == YamuxFrameType.WindowUpdate)
                {
                    _updates.Writer.TryWrite((flags, streamId, length));
                }
            }
        }
        catch (Exception exception) when (exception is EndOfStreamException or IOException)
        {
            // The session ended.
        }
    }

    private async Task AnswerPingAsync(uint id, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay);
            await SendAsync(Frame(YamuxFrameType.Ping, YamuxFlags.Ack, 0, id));
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            // The test ended first.
        }
    }
}
