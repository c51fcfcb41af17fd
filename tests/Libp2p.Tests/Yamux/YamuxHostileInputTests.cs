using DePinGpu.Libp2p.Yamux;
using static DePinGpu.Libp2p.Tests.Yamux.YamuxPair;

namespace DePinGpu.Libp2p.Tests.Yamux;

public sealed class YamuxHostileInputTests
{
    [Fact]
    public async Task DataBeyondWindow_ClosesSessionWithProtocolErrorGoAway()
    {
        var (server, raw) = CreateRaw();
        await using var _ = server;
        await raw.WriteAsync(Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, 1, 0));
        await raw.WriteAsync(Frame(YamuxFrameType.Data, YamuxFlags.None, 1, YamuxOptions.InitialWindowSize + 1, new byte[YamuxOptions.InitialWindowSize + 1]));

        await server.Completion.WaitAsync(TestTimeout);
        Assert.Contains("window", server.CloseReason, StringComparison.Ordinal);
        Assert.Contains((YamuxFrameType.GoAway, YamuxFlags.None, 0u, (uint)YamuxGoAwayCode.ProtocolError), await ReadAllHeadersAsync(raw));
    }

    [Fact]
    public async Task DataAfterFin_IsAProtocolViolation()
    {
        var (server, raw) = CreateRaw();
        await using var _ = server;
        await raw.WriteAsync(Frame(YamuxFrameType.Data, YamuxFlags.Syn | YamuxFlags.Fin, 1, 1, [1]));
        await raw.WriteAsync(Frame(YamuxFrameType.Data, YamuxFlags.None, 1, 1, [2]));

        await server.Completion.WaitAsync(TestTimeout);
        Assert.Contains("after its FIN", server.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownStreamIds_AreIgnoredAndTheSessionKeepsServing()
    {
        var (server, raw) = CreateRaw();
        await using var _ = server;
        await raw.WriteAsync(Frame(YamuxFrameType.Data, YamuxFlags.None, 77, 3, [1, 2, 3]));
        await raw.WriteAsync(Frame(YamuxFrameType.WindowUpdate, YamuxFlags.None, 79, 1000));
        await raw.WriteAsync(Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Fin, 81, 0));
        await raw.WriteAsync(Frame(YamuxFrameType.Data, YamuxFlags.Syn, 3, 2, [9, 8]));

        var stream = (await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!;
        var buffer = new byte[2];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(TestTimeout);
        Assert.Equal(new byte[] { 9, 8 }, buffer);
        Assert.False(server.IsClosed);
    }

    [Fact]
    public async Task StreamIdWithOurParity_IsRejected()
    {
        var (server, raw) = CreateRaw();
        await using var _ = server;
        await raw.WriteAsync(Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, 2, 0));

        await server.Completion.WaitAsync(TestTimeout);
        Assert.Contains("parity", server.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplicateSyn_IsRejected()
    {
        var (server, raw) = CreateRaw();
        await using var _ = server;
        await raw.WriteAsync(Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, 1, 0));
        await raw.WriteAsync(Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, 1, 0));

        await server.Completion.WaitAsync(TestTimeout);
        Assert.Contains("twice", server.CloseReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 }, "version")]
    [InlineData(new byte[] { 0, 4, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 }, "type")]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, "stream 0")]
    [InlineData(new byte[] { 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 1 }, "Ping")]
    [InlineData(new byte[] { 0, 0, 0, 1, 0, 0, 0, 1, 0x10, 0, 0, 0 }, "exceeds")]
    public async Task MalformedHeaders_CloseTheSession(byte[] header, string reason)
    {
        var (server, raw) = CreateRaw();
        await using var _ = server;
        await raw.WriteAsync(header);

        await server.Completion.WaitAsync(TestTimeout);
        Assert.Contains(reason, server.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TruncatedFrame_EndsTheSessionWhenTheConnectionCloses()
    {
        var (server, raw) = CreateRaw();
        await using var _ = server;
        await raw.WriteAsync(Frame(YamuxFrameType.Data, YamuxFlags.Syn, 1, 100, new byte[10]));
        raw.Dispose();

        await server.Completion.WaitAsync(TestTimeout);
        Assert.True(server.IsClosed);
    }

    [Fact]
    public async Task InboundStreamLimit_ResetsExtraStreams()
    {
        var (server, raw) = CreateRaw(new YamuxOptions { MaxInboundStreams = 2 });
        await using var _ = server;
        foreach (var id in new uint[] { 1, 3, 5 })
        {
            await raw.WriteAsync(Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, id, 0));
        }

        var headers = new List<(YamuxFrameType, YamuxFlags, uint, uint)>();
        while (!headers.Contains((YamuxFrameType.WindowUpdate, YamuxFlags.Rst, 5u, 0u)))
        {
            headers.Add(await ReadFrameHeaderAsync(raw));
        }

        Assert.Contains((YamuxFrameType.WindowUpdate, YamuxFlags.Ack, 1u, 0u), headers);
        Assert.Contains((YamuxFrameType.WindowUpdate, YamuxFlags.Ack, 3u, 0u), headers);
        Assert.Equal(2, server.StreamCount);
    }

    [Fact]
    public async Task PingSyn_IsAnsweredWithAckAndSameValue_UnsolicitedAckIsIgnored()
    {
        var (server, raw) = CreateRaw();
        await using var _ = server;
        await raw.WriteAsync(Frame(YamuxFrameType.Ping, YamuxFlags.Ack, 0, 999));
        await raw.WriteAsync(Frame(YamuxFrameType.Ping, YamuxFlags.Syn, 0, 0xDEADBEEF));

        var headers = new List<(YamuxFrameType, YamuxFlags, uint, uint)>();
        while (!headers.Contains((YamuxFrameType.Ping, YamuxFlags.Ack, 0u, 0xDEADBEEFu)))
        {
            headers.Add(await ReadFrameHeaderAsync(raw));
        }

        Assert.False(server.IsClosed);
    }

    [Fact]
    public async Task PeerThatNeverReads_IsDisconnectedWithALoggedReason()
    {
        var options = new YamuxOptions { WriteStallTimeout = TimeSpan.FromSeconds(2), KeepAliveInterval = null };
        var (server, raw) = CreateRaw(options, pipeThreshold: 64 * 1024);
        await using var _ = server;

        // The raw peer opens a stream and grants a huge window, then never reads a byte.
        await raw.WriteAsync(Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, 1, 64 * 1024 * 1024));
        var stream = (await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!;
        var writing = Task.Run(async () =>
        {
            var chunk = new byte[64 * 1024];
            while (true)
            {
                await stream.WriteAsync(chunk);
            }
        });

        await server.Completion.WaitAsync(TestTimeout);
        Assert.Contains("stopped reading", server.CloseReason, StringComparison.Ordinal);
        await Assert.ThrowsAsync<IOException>(() => writing.WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task ErrorGoAway_ClosesSessionAndFailsStreams()
    {
        var (server, raw) = CreateRaw();
        await using var _ = server;
        await raw.WriteAsync(Frame(YamuxFrameType.Data, YamuxFlags.Syn, 1, 0));
        var stream = (await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!;
        var pending = stream.ReadAsync(new byte[1]).AsTask();
        await raw.WriteAsync(Frame(YamuxFrameType.GoAway, YamuxFlags.None, 0, (uint)YamuxGoAwayCode.InternalError));

        await server.Completion.WaitAsync(TestTimeout);
        await Assert.ThrowsAsync<IOException>(() => pending.WaitAsync(TestTimeout));
    }

    private static async Task<List<(YamuxFrameType, YamuxFlags, uint, uint)>> ReadAllHeadersAsync(Stream raw)
    {
        var headers = new List<(YamuxFrameType, YamuxFlags, uint, uint)>();
        try
        {
            while (true)
            {
                var header = await ReadFrameHeaderAsync(raw);
                headers.Add(header);
                if (header.Item1 == YamuxFrameType.Data && header.Item4 > 0)
                {
                    await raw.ReadExactlyAsync(new byte[header.Item4]);
                }
            }
        }
        catch (EndOfStreamException)
        {
            return headers;
        }
    }
}
