using System.Buffers.Binary;
using System.Threading.Channels;
using DePinGpu.Libp2p.Tests.Support;
using DePinGpu.Libp2p.Yamux;
using static DePinGpu.Libp2p.Tests.Yamux.YamuxPair;

namespace DePinGpu.Libp2p.Tests.Yamux;

/// <summary>
/// A frame-level client facing one server session: it writes frames itself, collects the server's window updates in
/// order, and answers the server's pings after <paramref name="pingDelay"/> (a long delay makes the server measure a
/// long round trip, which makes the window-growth rule's time bound generous), or never when it is null (the server
/// then knows no round trip, and windows never grow). The server must send no Data.
/// </summary>
internal sealed class YamuxRawPeer : IAsyncDisposable
{
    private readonly InMemoryDuplex _raw;
    private readonly TimeSpan? _pingDelay;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Channel<(YamuxFlags Flags, uint StreamId, uint Length)> _updates = Channel.CreateUnbounded<(YamuxFlags, uint, uint)>();
    private readonly Task _pump;

    public YamuxRawPeer(YamuxOptions options, TimeSpan? pingDelay)
    {
        (Server, _raw) = CreateRaw(options with { KeepAliveInterval = null });
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
                var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8));
                if (type == YamuxFrameType.Ping && flags == YamuxFlags.Syn && _pingDelay is { } delay)
                {
                    _ = AnswerPingAsync(length, delay);
                }
                else if (type == YamuxFrameType.WindowUpdate)
                {
                    _updates.Writer.TryWrite((flags, BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)), length));
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
