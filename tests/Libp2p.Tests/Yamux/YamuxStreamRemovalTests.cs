using DePinGpu.Libp2p.Yamux;
using static DePinGpu.Libp2p.Tests.Yamux.YamuxPair;

namespace DePinGpu.Libp2p.Tests.Yamux;

/// <summary>
/// A stream leaves the session's table (and gives back its slot) on the two paths where this side does nothing after
/// the remote acted: the remote reset it, or the remote finished it and this side disposed it without closing its own
/// write. A stream left behind would count against the stream limit for the life of the connection, so a remote that
/// resets streams could use up every slot.
/// </summary>
public sealed class YamuxStreamRemovalTests
{
    private static readonly YamuxOptions OneOutboundStream = new() { MaxOutboundStreams = 1, KeepAliveInterval = null };

    [Fact]
    public async Task StreamResetByTheRemote_IsForgotten_AndItsSlotGivenBack()
    {
        var (client, server) = Create(OneOutboundStream);
        await using var _ = client;
        await using var __ = server;
        var first = await client.OpenStreamAsync().WaitAsync(TestTimeout);
        var inbound = (await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!;

        inbound.Reset();

        await Assert.ThrowsAsync<IOException>(() => first.ReadAsync(new byte[1]).AsTask().WaitAsync(TestTimeout));
        await YamuxSessionTests.WaitUntilAsync(() => client.StreamCount == 0);
        var second = await client.OpenStreamAsync().WaitAsync(TestTimeout);
        Assert.Equal(3u, second.StreamId);

        // Disposing the reset stream afterwards gives back nothing a second time: the one slot is still taken.
        first.Dispose();
        Assert.Equal(1, client.StreamCount);
        var refused = await Assert.ThrowsAsync<IOException>(() => client.OpenStreamAsync());
        Assert.Equal("The limit of 1 outbound streams to server is reached.", refused.Message);
    }

    [Fact]
    public async Task DisposingAStreamTheRemoteFinished_ForgetsItAtOnce()
    {
        var (client, server) = Create(OneOutboundStream);
        await using var _ = client;
        await using var __ = server;
        var first = await client.OpenStreamAsync().WaitAsync(TestTimeout);
        var inbound = (await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!;
        await inbound.CloseWriteAsync().WaitAsync(TestTimeout);
        Assert.Equal(0, await first.ReadAsync(new byte[1]).AsTask().WaitAsync(TestTimeout));

        // Half-closed: this side may still write, so the stream stays.
        Assert.Equal(1, client.StreamCount);

        first.Dispose();

        Assert.Equal(0, client.StreamCount);
        await client.OpenStreamAsync().WaitAsync(TestTimeout);
    }
}
