using DePinGpu.Libp2p.Yamux;
using static DePinGpu.Libp2p.Tests.Yamux.YamuxPair;

namespace DePinGpu.Libp2p.Tests.Yamux;

/// <summary>
/// The session's limits at their edges: outbound streams, the accept backlog, the send window's 2^32-1 ceiling, queued
/// control frames, unanswered keep-alives, a remote GoAway, and data for a stream this side stopped reading.
/// </summary>
public sealed class YamuxLimitTests
{
    [Fact]
    public async Task OutboundStreams_AreRefusedAtTheLimit_AndAllowedAgainOnceOneIsGone()
    {
        var (client, server) = Create(new YamuxOptions { MaxOutboundStreams = 2 });
        await using var _ = client;
        await using var __ = server;
        var first = await client.OpenStreamAsync().WaitAsync(TestTimeout);
        await client.OpenStreamAsync().WaitAsync(TestTimeout);

        var refused = await Assert.ThrowsAsync<IOException>(() => client.OpenStreamAsync());
        Assert.Equal("The limit of 2 outbound streams to server is reached.", refused.Message);

        first.Reset();
        var third = await client.OpenStreamAsync().WaitAsync(TestTimeout);
        Assert.Equal(5u, third.StreamId);
        Assert.Equal(2, client.StreamCount);
    }

    [Fact]
    public async Task StreamsBeyondTheAcceptBacklog_AreAcknowledgedThenReset()
    {
        var (server, raw) = CreateRaw(new YamuxOptions { AcceptBacklog = 1, KeepAliveInterval = null });
        await using var _ = server;
        await raw.WriteAsync(Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, 1, 0));
        await raw.WriteAsync(Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, 3, 0));

        var headers = new List<(YamuxFrameType, YamuxFlags, uint, uint)>();
        while (!headers.Contains((YamuxFrameType.WindowUpdate, YamuxFlags.Rst, 3u, 0u)))
        {
            headers.Add(await ReadFrameHeaderAsync(raw));
        }

        Assert.Contains((YamuxFrameType.WindowUpdate, YamuxFlags.Ack, 1u, 0u), headers);
        Assert.DoesNotContain((YamuxFrameType.WindowUpdate, YamuxFlags.Rst, 1u, 0u), headers);
        Assert.Equal(1, server.StreamCount);
        Assert.Equal(1u, (await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!.StreamId);
    }

    [Fact]
    public async Task WindowUpdates_UpToExactly2To32Minus1_AreAccepted_OneMoreIsAViolation()
    {
        var (server, raw) = CreateRaw(new YamuxOptions { KeepAliveInterval = null });
        await using var _ = server;
        await raw.WriteAsync(Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, 1, uint.MaxValue - YamuxOptions.InitialWindowSize));
        await raw.WriteAsync(Frame(YamuxFrameType.Data, YamuxFlags.Syn, 3, 1, [7]));
        var stream = (await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!;
        await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout);
        Assert.False(server.IsClosed);

        await raw.WriteAsync(Frame(YamuxFrameType.WindowUpdate, YamuxFlags.None, stream.StreamId, 1));

        await server.Completion.WaitAsync(TestTimeout);
        Assert.Equal("protocol violation: Window updates on stream 1 overflow 2^32-1 bytes.", server.CloseReason);
    }

    [Fact]
    public async Task ControlFramesQueuedBeyondTheLimit_CloseTheSession()
    {
        var options = new YamuxOptions { MaxPendingControlFrames = 4, KeepAliveInterval = null, WriteStallTimeout = TimeSpan.FromMinutes(5) };
        var (server, raw) = CreateRaw(options, pipeThreshold: 64);
        await using var _ = server;

        // Ping answers pile up once the raw peer stops reading them.
        try
        {
            for (var ping = 0u; ping < 200 && !server.IsClosed; ping++)
            {
                await raw.WriteAsync(Frame(YamuxFrameType.Ping, YamuxFlags.Syn, 0, ping));
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            // The session closed its end while a ping was being written: what the test waits for below.
        }

        await server.Completion.WaitAsync(TestTimeout);
        Assert.Equal("4 control frames are queued unsent; the remote is not reading", server.CloseReason);
    }

    [Fact]
    public async Task KeepAlivePingLeftUnanswered_ClosesTheSessionAfterPingTimeout()
    {
        var options = new YamuxOptions { KeepAliveInterval = TimeSpan.FromSeconds(1), PingTimeout = TimeSpan.FromSeconds(1) };
        var (server, raw) = CreateRaw(options);
        await using var _ = server;

        var ping = await ReadFrameHeaderAsync(raw);
        Assert.Equal((YamuxFrameType.Ping, YamuxFlags.Syn, 0u), (ping.Type, ping.Flags, ping.StreamId));
        Assert.Null(server.RoundTripTime);

        await server.Completion.WaitAsync(TestTimeout);
        Assert.Equal("a keep-alive ping went unanswered for 1 s", server.CloseReason);
    }

    [Fact]
    public async Task AnsweredPing_SetsTheRoundTripTime_AndAnAnswerToAnUnknownPingIsIgnored()
    {
        var (server, raw) = CreateRaw(new YamuxOptions { KeepAliveInterval = null });
        await using var _ = server;
        var initial = await ReadFrameHeaderAsync(raw); // the ping every session sends at its start, left unanswered

        var pinging = server.PingAsync();
        var ping = await ReadFrameHeaderAsync(raw);
        Assert.Equal(initial.Length + 1, ping.Length);
        await raw.WriteAsync(Frame(YamuxFrameType.Ping, YamuxFlags.Ack, 0, ping.Length + 100));
        Assert.False(pinging.IsCompleted);
        await raw.WriteAsync(Frame(YamuxFrameType.Ping, YamuxFlags.Ack, 0, ping.Length));

        var roundTrip = await pinging.WaitAsync(TestTimeout);
        Assert.Equal(roundTrip, server.RoundTripTime);
        Assert.False(server.IsClosed);
    }

    [Fact]
    public async Task NormalGoAwayFromTheRemote_RefusesNewStreams_ButOpenStreamsCarryOn()
    {
        var (server, raw) = CreateRaw(new YamuxOptions { KeepAliveInterval = null });
        await using var _ = server;
        await raw.WriteAsync(Frame(YamuxFrameType.Data, YamuxFlags.Syn, 1, 2, [1, 2]));
        var stream = (await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!;

        await raw.WriteAsync(Frame(YamuxFrameType.GoAway, YamuxFlags.None, 0, (uint)YamuxGoAwayCode.Normal));
        await raw.WriteAsync(Frame(YamuxFrameType.Data, YamuxFlags.None, 1, 1, [3]));

        var buffer = new byte[3];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(TestTimeout);
        Assert.Equal(new byte[] { 1, 2, 3 }, buffer);
        var refused = await Assert.ThrowsAsync<IOException>(() => server.OpenStreamAsync());
        Assert.Equal("The connection to raw client is shutting down; no new streams can be opened.", refused.Message);
        Assert.False(server.IsClosed);
    }

    [Fact]
    public async Task DataForAStreamThisSideStoppedReading_IsDiscardedAndCreditedBack()
    {
        var (server, raw) = CreateRaw(new YamuxOptions { KeepAliveInterval = null });
        await using var _ = server;
        await raw.WriteAsync(Frame(YamuxFrameType.Data, YamuxFlags.Syn, 1, 10, new byte[10]));
        var stream = (await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!;
        await stream.DisposeAsync();

        await raw.WriteAsync(Frame(YamuxFrameType.Data, YamuxFlags.None, 1, 100, new byte[100]));

        var headers = new List<(YamuxFrameType, YamuxFlags, uint, uint)>();
        while (!headers.Contains((YamuxFrameType.WindowUpdate, YamuxFlags.None, 1u, 100u)))
        {
            headers.Add(await ReadFrameHeaderAsync(raw));
        }

        // Disposing handed back the 10 unread bytes and half-closed the stream.
        Assert.Contains((YamuxFrameType.WindowUpdate, YamuxFlags.None, 1u, 10u), headers);
        Assert.Contains((YamuxFrameType.WindowUpdate, YamuxFlags.Fin, 1u, 0u), headers);
        Assert.Equal(110, server.PayloadBytesReceived);
    }

    [Fact]
    public async Task PayloadCounters_CountStreamBytesOnly()
    {
        var (client, server) = Create();
        await using var _ = client;
        await using var __ = server;
        var outbound = await client.OpenStreamAsync().WaitAsync(TestTimeout);
        await outbound.WriteAsync(new byte[1000]);
        var inbound = (await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!;
        await inbound.ReadExactlyAsync(new byte[1000]).AsTask().WaitAsync(TestTimeout);

        Assert.Equal(1000, client.PayloadBytesSent);
        Assert.Equal(1000, server.PayloadBytesReceived);
        Assert.Equal(0, server.PayloadBytesSent);
    }

    [Fact]
    public async Task PingPendingWhenTheSessionCloses_FailsInsteadOfWaitingForever()
    {
        var (server, raw) = CreateRaw(new YamuxOptions { KeepAliveInterval = null });
        await ReadFrameHeaderAsync(raw);
        var pinging = server.PingAsync();
        await ReadFrameHeaderAsync(raw);

        await server.DisposeAsync();

        await Assert.ThrowsAsync<IOException>(() => pinging.WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task StreamsOpenedByTheListener_HaveEvenIds()
    {
        var (client, server) = Create();
        await using var _ = client;
        await using var __ = server;

        var first = await server.OpenStreamAsync().WaitAsync(TestTimeout);
        var second = await server.OpenStreamAsync().WaitAsync(TestTimeout);
        await first.WriteAsync(new byte[] { 1 });

        Assert.Equal((2u, 4u), (first.StreamId, second.StreamId));
        var accepted = (await client.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!;
        Assert.Equal(2u, accepted.StreamId);
        Assert.True(accepted.IsInbound);
        Assert.False(first.IsInbound);
    }

    [Fact]
    public async Task DataFrameOfExactlyTheLargestWindow_IsAccepted()
    {
        var options = new YamuxOptions { MaxReceiveWindowSize = YamuxOptions.InitialWindowSize, KeepAliveInterval = null };
        var (server, raw) = CreateRaw(options);
        await using var _ = server;
        await raw.WriteAsync(Frame(YamuxFrameType.Data, YamuxFlags.Syn, 1, YamuxOptions.InitialWindowSize, new byte[YamuxOptions.InitialWindowSize]));

        var stream = (await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!;
        await stream.ReadExactlyAsync(new byte[YamuxOptions.InitialWindowSize]).AsTask().WaitAsync(TestTimeout);
        Assert.False(server.IsClosed);
    }

    [Fact]
    public async Task FrameHeadersArrivingInPieces_AreReassembled()
    {
        var (left, right) = Support.InMemoryDuplex.CreatePair();
        var server = new YamuxSession(new TrickleStream(right, maxRead: 5), isClient: false, new YamuxOptions { KeepAliveInterval = null });
        server.Start();
        await using var _ = server;

        await left.WriteAsync(Frame(YamuxFrameType.Data, YamuxFlags.Syn, 1, 3, [4, 5, 6]));

        var stream = (await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!;
        var buffer = new byte[3];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(TestTimeout);
        Assert.Equal(new byte[] { 4, 5, 6 }, buffer);
        Assert.False(server.IsClosed);
    }
}
