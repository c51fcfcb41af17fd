using DePinGpu.Libp2p.Yamux;
using static DePinGpu.Libp2p.Tests.Yamux.YamuxPair;

namespace DePinGpu.Libp2p.Tests.Yamux;

/// <summary>
/// What a stream's caller sees when the stream fails or is closed: which exception and message, that a read or a write
/// already waiting is woken by a dispose, a reset (either side) or the session closing, and that dropped data is gone.
/// </summary>
public sealed class YamuxStreamFailureTests
{
    [Fact]
    public async Task WriteAfterClosingTheWriteSide_IsRefused_AsClosedForWriting()
    {
        var (client, server) = Create();
        await using var _ = client;
        await using var __ = server;
        var stream = await client.OpenStreamAsync().WaitAsync(TestTimeout);
        await stream.CloseWriteAsync().WaitAsync(TestTimeout);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await stream.WriteAsync(new byte[1]));
        Assert.Equal("Stream 1 is closed for writing.", refused.Message);
    }

    [Fact]
    public async Task SecondWriteWhileOneIsInProgress_IsRefused_AndTheFirstCarriesOn()
    {
        var (client, server) = Create();
        await using var _ = client;
        await using var __ = server;
        var (stream, inbound, writing) = await StartBlockedWriteAsync(client, server);

        var single = await Assert.ThrowsAsync<InvalidOperationException>(async () => await stream.WriteAsync(new byte[1]));
        Assert.Equal("Another write is in progress on this stream; serialise writes.", single.Message);
        var gathered = await Assert.ThrowsAsync<InvalidOperationException>(async () => await stream.WriteAsync([new byte[1]]));
        Assert.Equal(single.Message, gathered.Message);

        // The first write's bytes arrive once each and in order: the frames sent before it waited for credit are not sent again.
        var received = new byte[YamuxOptions.InitialWindowSize + 1];
        await inbound.ReadExactlyAsync(received).AsTask().WaitAsync(TestTimeout);
        await writing.WaitAsync(TestTimeout);
        Assert.Equal(Pattern(received.Length), received);
    }

    [Fact]
    public async Task GatherWritesOneAfterAnother_EachGetTheWriteSlot()
    {
        var (client, server) = Create();
        await using var _ = client;
        await using var __ = server;
        var stream = await client.OpenStreamAsync().WaitAsync(TestTimeout);

        await stream.WriteAsync([new byte[] { 1, 2 }, new byte[] { 3 }]).AsTask().WaitAsync(TestTimeout);
        await stream.WriteAsync([new byte[] { 4 }]).AsTask().WaitAsync(TestTimeout);

        var inbound = (await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!;
        var received = new byte[4];
        await inbound.ReadExactlyAsync(received).AsTask().WaitAsync(TestTimeout);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, received);
    }

    [Fact]
    public async Task ReadOfAnEmptyBuffer_ReturnsZeroAtOnce_WithNoDataBuffered()
    {
        var (client, server) = Create();
        await using var _ = client;
        await using var __ = server;
        var stream = await client.OpenStreamAsync().WaitAsync(TestTimeout);

        Assert.Equal(0, await stream.ReadAsync(Memory<byte>.Empty).AsTask().WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task ReadAfterDispose_ThrowsObjectDisposed()
    {
        var (client, server) = Create();
        await using var _ = client;
        await using var __ = server;
        var stream = await client.OpenStreamAsync().WaitAsync(TestTimeout);
        await stream.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => stream.ReadAsync(new byte[1]).AsTask().WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task PendingRead_IsWokenByDispose()
    {
        var (client, server) = Create();
        await using var _ = client;
        await using var __ = server;
        var stream = await client.OpenStreamAsync().WaitAsync(TestTimeout);
        var reading = stream.ReadAsync(new byte[1]).AsTask();
        Assert.False(reading.IsCompleted);

        await stream.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => reading.WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task PendingRead_IsWokenByALocalReset_WithTheResetMessage()
    {
        var (client, server) = Create();
        await using var _ = client;
        await using var __ = server;
        var stream = await client.OpenStreamAsync().WaitAsync(TestTimeout);
        var reading = stream.ReadAsync(new byte[1]).AsTask();
        Assert.False(reading.IsCompleted);

        stream.Reset();

        var failure = await Assert.ThrowsAsync<IOException>(() => reading.WaitAsync(TestTimeout));
        Assert.Equal("Stream 1 was reset locally.", failure.Message);
    }

    [Fact]
    public async Task PendingRead_IsWokenByARemoteReset()
    {
        var (client, server) = Create();
        await using var _ = client;
        await using var __ = server;
        var outbound = await client.OpenStreamAsync().WaitAsync(TestTimeout);
        var inbound = (await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!;
        var reading = inbound.ReadAsync(new byte[1]).AsTask();
        Assert.False(reading.IsCompleted);

        outbound.Reset();

        var failure = await Assert.ThrowsAsync<IOException>(() => reading.WaitAsync(TestTimeout));
        Assert.Equal("The remote peer reset stream 1.", failure.Message);
    }

    [Fact]
    public async Task IsRemoteWriteClosed_TurnsTrueOnTheRemotesFin()
    {
        var (client, server) = Create();
        await using var _ = client;
        await using var __ = server;
        var outbound = await client.OpenStreamAsync().WaitAsync(TestTimeout);
        var inbound = (await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!;
        Assert.False(inbound.IsRemoteWriteClosed);

        await outbound.CloseWriteAsync().WaitAsync(TestTimeout);

        await YamuxSessionTests.WaitUntilAsync(() => inbound.IsRemoteWriteClosed);
        Assert.False(outbound.IsRemoteWriteClosed);
    }

    [Fact]
    public async Task PendingWrite_IsWokenByDispose()
    {
        var (client, server) = Create();
        await using var _ = client;
        await using var __ = server;
        var (stream, _, writing) = await StartBlockedWriteAsync(client, server);

        await stream.DisposeAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => writing.WaitAsync(TestTimeout));
        Assert.Equal("Stream 1 is closed for writing.", refused.Message);
    }

    [Fact]
    public async Task PendingWrite_IsWokenByALocalReset()
    {
        var (client, server) = Create();
        await using var _ = client;
        await using var __ = server;
        var (stream, _, writing) = await StartBlockedWriteAsync(client, server);

        stream.Reset();

        var failure = await Assert.ThrowsAsync<IOException>(() => writing.WaitAsync(TestTimeout));
        Assert.Equal("Stream 1 was reset locally.", failure.Message);
    }

    [Fact]
    public async Task PendingWrite_IsWokenByARemoteReset()
    {
        var (client, server) = Create();
        await using var _ = client;
        await using var __ = server;
        var (_, inbound, writing) = await StartBlockedWriteAsync(client, server);

        inbound.Reset();

        var failure = await Assert.ThrowsAsync<IOException>(() => writing.WaitAsync(TestTimeout));
        Assert.Equal("The remote peer reset stream 1.", failure.Message);
    }

    [Fact]
    public async Task PendingWrite_IsWokenByTheSessionClosing()
    {
        var (client, server) = Create();
        await using var _ = client;
        await using var __ = server;
        var (_, _, writing) = await StartBlockedWriteAsync(client, server);

        client.Abort("the test gave up");

        var failure = await Assert.ThrowsAsync<IOException>(() => writing.WaitAsync(TestTimeout));
        Assert.Equal("The connection to server closed: the test gave up.", failure.Message);
    }

    /// <summary>
    /// Starts a write one byte larger than the window on a new stream and returns once the window's worth is buffered on
    /// the other side (the remote does not read), so the write is waiting for credit.
    /// </summary>
    private static async Task<(YamuxStream Stream, YamuxStream Inbound, Task Writing)> StartBlockedWriteAsync(YamuxSession client, YamuxSession server)
    {
        var stream = await client.OpenStreamAsync().WaitAsync(TestTimeout);
        var writing = stream.WriteAsync(Pattern(YamuxOptions.InitialWindowSize + 1)).AsTask();
        var inbound = (await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!;
        await YamuxSessionTests.WaitUntilAsync(() => inbound.BufferedBytes == YamuxOptions.InitialWindowSize);
        Assert.False(writing.IsCompleted);
        return (stream, inbound, writing);
    }

    private static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (var index = 0; index < length; index++)
        {
            bytes[index] = (byte)(index % 251);
        }

        return bytes;
    }
}
