using DePinGpu.Libp2p.Yamux;
using static DePinGpu.Libp2p.Tests.Yamux.YamuxPair;

namespace DePinGpu.Libp2p.Tests.Yamux;

/// <summary>How a session ends and the reason it gives: the remote ending the connection, GoAway codes, a local close.</summary>
public sealed class YamuxCloseTests
{
    /// <summary>Far beyond any wait in these tests: only the read loop can end the session in time.</summary>
    private static readonly YamuxOptions NoKeepAlive = new() { KeepAliveInterval = null };

    [Fact]
    public async Task RemoteEndingTheConnectionCleanly_ClosesTheSessionAtOnce_AsRemoteClosed()
    {
        var (server, raw) = CreateRaw(NoKeepAlive);
        await using var _ = server;
        await raw.WriteAsync(Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, 1, 0));
        await raw.WriteAsync(Frame(YamuxFrameType.Ping, YamuxFlags.Syn, 0, 5));
        var stream = (await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!;

        // Take the session's answers first (the ACK and the ping answer), so it has nothing left to write that could
        // fail and end it another way; its own opening ping stays unanswered.
        var seen = new List<(YamuxFrameType, YamuxFlags, uint, uint)>();
        while (!seen.Contains((YamuxFrameType.WindowUpdate, YamuxFlags.Ack, 1u, 0u)) || !seen.Contains((YamuxFrameType.Ping, YamuxFlags.Ack, 0u, 5u)))
        {
            seen.Add(await ReadFrameHeaderAsync(raw));
        }

        raw.Dispose();

        await server.Completion.WaitAsync(TestTimeout);
        Assert.Equal("the remote closed the connection", server.CloseReason);
        var failure = await Assert.ThrowsAsync<IOException>(async () => await stream.ReadExactlyAsync(new byte[1]));
        Assert.Equal("The connection to raw client closed: the remote closed the connection.", failure.Message);
    }

    [Fact]
    public async Task GoAwayWithAnErrorCode_ClosesTheSessionAtOnce_NamingTheCode()
    {
        var (server, raw) = CreateRaw(NoKeepAlive);
        await using var _ = server;
        await using var __ = raw;
        await raw.WriteAsync(Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, 1, 0));
        var stream = (await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!;
        await raw.WriteAsync(Frame(YamuxFrameType.GoAway, YamuxFlags.None, 0, (uint)YamuxGoAwayCode.InternalError));

        await server.Completion.WaitAsync(TestTimeout);
        Assert.Equal("the remote sent GoAway code 2", server.CloseReason);
        var failure = await Assert.ThrowsAsync<IOException>(async () => await stream.WriteAsync(new byte[1]));
        Assert.Equal("The connection to raw client closed: the remote sent GoAway code 2.", failure.Message);
    }

    [Fact]
    public async Task CloseAsync_SendsANormalGoAway_AndReportsClosedLocally()
    {
        var (server, raw) = CreateRaw(NoKeepAlive);
        await using var _ = server;
        await using var __ = raw;

        await server.CloseAsync().WaitAsync(TestTimeout);

        Assert.True(server.IsClosed);
        Assert.Equal("closed locally", server.CloseReason);
        var headers = new List<(YamuxFrameType Type, YamuxFlags, uint, uint Length)>();
        while (headers.LastOrDefault().Type != YamuxFrameType.GoAway)
        {
            headers.Add(await ReadFrameHeaderAsync(raw));
        }

        Assert.Equal((YamuxFrameType.GoAway, YamuxFlags.None, 0u, (uint)YamuxGoAwayCode.Normal), headers[^1]);
        var refused = await Assert.ThrowsAsync<IOException>(() => server.OpenStreamAsync());
        Assert.Equal("The connection to raw client is closed: closed locally.", refused.Message);
        await server.CloseAsync().WaitAsync(TestTimeout);
        Assert.Equal("closed locally", server.CloseReason);
    }

    [Fact]
    public async Task Abort_ClosesTheSessionWithTheGivenReason()
    {
        var (server, raw) = CreateRaw(NoKeepAlive);
        await using var _ = server;
        await using var __ = raw;

        server.Abort("the test gave up");

        await server.Completion.WaitAsync(TestTimeout);
        Assert.Equal("the test gave up", server.CloseReason);
        Assert.Null(await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task ConnectionEndingInsideAFrame_IsReportedAsAFailedConnection()
    {
        var (server, raw) = CreateRaw(NoKeepAlive);
        await using var _ = server;
        await raw.WriteAsync(Frame(YamuxFrameType.Data, YamuxFlags.Syn, 1, 100, new byte[10]));

        // Take the session's ACK and opening ping first: a write failing after the close would end it another way.
        var seen = new List<(YamuxFrameType Type, YamuxFlags Flags, uint, uint)>();
        while (!seen.Contains((YamuxFrameType.WindowUpdate, YamuxFlags.Ack, 1u, 0u)) || !seen.Exists(header => header.Type == YamuxFrameType.Ping))
        {
            seen.Add(await ReadFrameHeaderAsync(raw));
        }

        raw.Dispose();

        await server.Completion.WaitAsync(TestTimeout);
        Assert.StartsWith("the connection failed: ", server.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProtocolViolation_IsReportedWithItsDescription()
    {
        var (server, raw) = CreateRaw(NoKeepAlive);
        await using var _ = server;
        await using var __ = raw;
        await raw.WriteAsync(Frame(YamuxFrameType.Ping, YamuxFlags.Syn, 3, 0));

        await server.Completion.WaitAsync(TestTimeout);
        Assert.Equal("protocol violation: A Ping frame arrived on stream 3.", server.CloseReason);
    }
}
