using DePinGpu.Libp2p.Tests.Support;
using DePinGpu.Libp2p.Yamux;
using Microsoft.Extensions.Logging;
using static DePinGpu.Libp2p.Tests.Yamux.YamuxPair;

namespace DePinGpu.Libp2p.Tests.Yamux;

/// <summary>
/// What an operator reads: a session ended by a fault (an error GoAway, a protocol violation, an abort) is a warning,
/// an orderly end (a local close, the remote ending the connection) is debug; frames for unknown streams and refused
/// streams are logged with their reason.
/// </summary>
public sealed class YamuxSessionLogTests
{
    private const int Closed = 7100;
    private const int Aborted = 7102;
    private const int Refused = 7103;
    private const int UnknownStream = 7104;

    private static readonly YamuxOptions NoKeepAlive = new() { KeepAliveInterval = null };

    [Fact]
    public async Task GoAwayWithAnErrorCode_IsLoggedAsAWarning()
    {
        var logs = new CapturingLoggerFactory();
        var (server, raw) = CreateRaw(NoKeepAlive, logger: logs.CreateLogger("yamux"));
        await using var _ = server;
        await using var __ = raw;

        await raw.WriteAsync(Frame(YamuxFrameType.GoAway, YamuxFlags.None, 0, (uint)YamuxGoAwayCode.InternalError));

        await server.Completion.WaitAsync(TestTimeout);
        Assert.Contains((LogLevel.Warning, Aborted, "Yamux session with raw client closed: the remote sent GoAway code 2"), logs.Entries);
    }

    [Fact]
    public async Task ProtocolViolation_IsLoggedAsAWarning()
    {
        var logs = new CapturingLoggerFactory();
        var (server, raw) = CreateRaw(NoKeepAlive, logger: logs.CreateLogger("yamux"));
        await using var _ = server;
        await using var __ = raw;

        await raw.WriteAsync(Frame(YamuxFrameType.Ping, YamuxFlags.Syn, 3, 0));

        await server.Completion.WaitAsync(TestTimeout);
        Assert.Contains((LogLevel.Warning, Aborted, "Yamux session with raw client closed: protocol violation: A Ping frame arrived on stream 3."), logs.Entries);
    }

    [Fact]
    public async Task Abort_IsLoggedAsAWarning_AndCloseAsDebug()
    {
        var aborted = new CapturingLoggerFactory();
        var closed = new CapturingLoggerFactory();
        var (abortedServer, abortedRaw) = CreateRaw(NoKeepAlive, logger: aborted.CreateLogger("yamux"));
        var (closedServer, closedRaw) = CreateRaw(NoKeepAlive, logger: closed.CreateLogger("yamux"));
        await using var _ = abortedServer;
        await using var __ = abortedRaw;
        await using var ___ = closedServer;
        await using var ____ = closedRaw;

        abortedServer.Abort("the test gave up");
        await closedServer.CloseAsync().WaitAsync(TestTimeout);

        Assert.Contains((LogLevel.Warning, Aborted, "Yamux session with raw client closed: the test gave up"), aborted.Entries);
        Assert.Contains((LogLevel.Debug, Closed, "Yamux session with raw client closed: closed locally"), closed.Entries);
        Assert.DoesNotContain(closed.Entries, entry => entry.EventId == Aborted);
    }

    [Fact]
    public async Task RemoteEndingTheConnectionCleanly_IsLoggedAsDebug()
    {
        var logs = new CapturingLoggerFactory();
        var (server, raw) = CreateRaw(NoKeepAlive, logger: logs.CreateLogger("yamux"));
        await using var _ = server;

        // Take the session's opening ping first, so it has nothing left to write that could fail and end it another way.
        while ((await ReadFrameHeaderAsync(raw)).Type != YamuxFrameType.Ping)
        {
        }

        raw.Dispose();

        await server.Completion.WaitAsync(TestTimeout);
        Assert.Contains((LogLevel.Debug, Closed, "Yamux session with raw client closed: the remote closed the connection"), logs.Entries);
        Assert.DoesNotContain(logs.Entries, entry => entry.EventId == Aborted);
    }

    [Fact]
    public async Task FramesForUnknownStreams_AreLogged_RefusedStreamsWithTheirReason()
    {
        var logs = new CapturingLoggerFactory();
        await using var peer = new YamuxRawPeer(new YamuxOptions { MaxInboundStreams = 1 }, pingDelay: null, logs.CreateLogger("yamux"));
        await peer.OpenAsync(1);

        await peer.SendAsync(Frame(YamuxFrameType.Data, YamuxFlags.None, 77, 3, [1, 2, 3]));
        await peer.SendAsync(Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, 3, 0));
        await peer.SyncAsync();

        Assert.Contains((LogLevel.Debug, UnknownStream, "Yamux session with raw client: ignored a Data frame for unknown stream 77"), logs.Entries);
        Assert.Contains(
            (LogLevel.Debug, Refused, "Yamux session with raw client: refused inbound stream 3: the limit of 1 inbound streams is reached"), logs.Entries);

        // The refused SYN is logged as a refusal only, not also as a frame for an unknown stream.
        Assert.Single(logs.Entries, entry => entry.EventId == UnknownStream);
    }
}
