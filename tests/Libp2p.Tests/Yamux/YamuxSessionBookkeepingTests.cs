using System.Diagnostics;
using System.Reflection;
using DePinGpu.Libp2p.Tests.Support;
using DePinGpu.Libp2p.Yamux;
using static DePinGpu.Libp2p.Tests.Yamux.YamuxPair;

namespace DePinGpu.Libp2p.Tests.Yamux;

/// <summary>
/// The session's counts and states on paths few tests reach: idle time, stream slots given back exactly once, a stream
/// whose SYN could not be sent, stream ids running out, cancelled and repeated closes, and the shutting-down window.
/// </summary>
public sealed class YamuxSessionBookkeepingTests
{
    private static readonly YamuxOptions NoKeepAlive = new() { KeepAliveInterval = null };

    [Fact]
    public async Task IdleTime_IsZeroWhileAStreamIsOpen_AndCountsFromWhenTheLastOneWentAway()
    {
        await using var peer = new YamuxRawPeer(new YamuxOptions(), pingDelay: null);
        await YamuxSessionTests.WaitUntilAsync(() => peer.Server.IdleTime >= TimeSpan.FromMilliseconds(200));
        var stream = await peer.OpenAsync(1);
        Assert.Equal(TimeSpan.Zero, peer.Server.IdleTime);

        var beforeLastGone = Stopwatch.GetTimestamp();
        stream.Reset();

        // Counted from the stream going away, not from the session's start 200 ms or more before.
        var idle = peer.Server.IdleTime;
        Assert.True(idle <= Stopwatch.GetElapsedTime(beforeLastGone), $"idle {idle}");
        await YamuxSessionTests.WaitUntilAsync(() => peer.Server.IdleTime > TimeSpan.Zero);
    }

    [Fact]
    public async Task InboundStreamSlot_IsGivenBackWhenTheStreamIsGone()
    {
        await using var peer = new YamuxRawPeer(new YamuxOptions { MaxInboundStreams = 1 }, pingDelay: null);
        var first = await peer.OpenAsync(1);

        first.Reset();

        var second = await peer.OpenAsync(3);
        Assert.Equal(3u, second.StreamId);
    }

    [Fact]
    public async Task ResettingAStreamAlreadyForgotten_DoesNotGiveBackASecondSlot()
    {
        var (client, server) = Create(new YamuxOptions { MaxOutboundStreams = 1 });
        await using var _ = client;
        await using var __ = server;
        var first = await client.OpenStreamAsync().WaitAsync(TestTimeout);
        var inbound = (await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!;
        await first.CloseWriteAsync().WaitAsync(TestTimeout);
        await inbound.CloseWriteAsync().WaitAsync(TestTimeout);
        await YamuxSessionTests.WaitUntilAsync(() => client.StreamCount == 0);

        first.Reset();
        await client.OpenStreamAsync().WaitAsync(TestTimeout);

        var refused = await Assert.ThrowsAsync<IOException>(() => client.OpenStreamAsync());
        Assert.Equal("The limit of 1 outbound streams to server is reached.", refused.Message);
    }

    [Fact]
    public async Task OpeningWithACancelledToken_LeavesNoStreamBehind()
    {
        var (server, raw) = CreateRaw(NoKeepAlive);
        await using var _ = server;
        await using var __ = raw;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server.OpenStreamAsync(new CancellationToken(canceled: true)));

        Assert.Equal(0, server.StreamCount);
    }

    [Fact]
    public async Task StreamIds_RunOutAfterTheLastOddId()
    {
        var (client, server) = Create(NoKeepAlive);
        await using var _ = client;
        await using var __ = server;

        // 2^31 streams are out of reach of a test: start the count just below the end instead.
        typeof(YamuxSession).GetField("_nextStreamId", BindingFlags.NonPublic | BindingFlags.Instance)!.SetValue(client, uint.MaxValue - 2);
        var last = await client.OpenStreamAsync().WaitAsync(TestTimeout);
        Assert.Equal(uint.MaxValue - 2, last.StreamId);

        var refused = await Assert.ThrowsAsync<IOException>(() => client.OpenStreamAsync());
        Assert.Equal("The stream ids of the connection to server are exhausted.", refused.Message);
    }

    [Fact]
    public void RemoteName_DefaultsToRemote()
    {
        var session = new YamuxSession(new MemoryStream(), isClient: true);

        Assert.Equal("remote", session.RemoteName);
    }

    [Fact]
    public async Task AbortingTwice_KeepsTheFirstReason()
    {
        var (server, raw) = CreateRaw(NoKeepAlive);
        await using var _ = server;
        await using var __ = raw;

        server.Abort("first");
        server.Abort("second");

        Assert.Equal("first", server.CloseReason);
    }

    [Fact]
    public async Task CloseWithACancelledToken_Throws()
    {
        var (server, raw) = CreateRaw(NoKeepAlive);
        await using var _ = server;
        await using var __ = raw;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server.CloseAsync(new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task WhileTheGoAwayIsUnderway_NewStreamsAreRefusedAsShuttingDown()
    {
        var (raw, right) = InMemoryDuplex.CreatePair(1 << 20);
        using var _ = raw;
        var gated = new GatedStream(right);
        gated.Hold();
        var server = new YamuxSession(gated, isClient: false, NoKeepAlive, remoteName: "raw client");
        server.Start();
        await using var __ = server;

        // The transport holds every write, so the GoAway cannot go out and the close waits (up to 2 s) before ending.
        var closing = server.CloseAsync();

        var refused = await Assert.ThrowsAsync<IOException>(() => server.OpenStreamAsync());
        Assert.Equal("The connection to raw client is shutting down; no new streams can be opened.", refused.Message);

        // A stream the remote opens now is refused too (or, read after the close, never accepted): none is handed out.
        await raw.WriteAsync(Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, 1, 0));
        Assert.Null(await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout));
        await closing.WaitAsync(TestTimeout);
    }

    [Fact]
    public void FrameHeader_DescribesItselfForLogs()
    {
        Assert.Equal("Data flags=Syn stream=1 length=5", new YamuxHeader(YamuxFrameType.Data, YamuxFlags.Syn, 1, 5).ToString());
    }
}
