using DePinGpu.Libp2p.Yamux;

namespace DePinGpu.Libp2p.Tests.Yamux;

/// <summary>
/// What a stream sends when it closes, resets or drops data, as a frame-level remote sees it: no frame twice, nothing
/// after a reset, no zero credit, no credit for unknown streams or after the remote's FIN; and what it keeps buffered.
/// </summary>
public sealed class YamuxStreamWireTests
{
    private static readonly (YamuxFrameType, YamuxFlags, uint, uint) Ack = (YamuxFrameType.WindowUpdate, YamuxFlags.Ack, 1u, 0u);
    private static readonly (YamuxFrameType, YamuxFlags, uint, uint) Fin = (YamuxFrameType.WindowUpdate, YamuxFlags.Fin, 1u, 0u);
    private static readonly (YamuxFrameType, YamuxFlags, uint, uint) Rst = (YamuxFrameType.WindowUpdate, YamuxFlags.Rst, 1u, 0u);

    [Fact]
    public async Task DisposingAStreamWithNothingOutstanding_SendsOnlyAFin()
    {
        await using var peer = new YamuxRawPeer(new YamuxOptions(), pingDelay: null);
        var stream = await peer.OpenAsync(1);

        await stream.DisposeAsync();

        await peer.SyncAsync();
        Assert.Equal([Ack, Fin], peer.FramesFor(1));
    }

    [Fact]
    public async Task DisposingAStreamTheRemoteReset_SendsNothing()
    {
        await using var peer = new YamuxRawPeer(new YamuxOptions(), pingDelay: null);
        var stream = await peer.OpenAsync(1);
        await peer.SendDataAsync(stream, 10);
        await peer.SendAsync(YamuxPair.Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Rst, 1, 0));
        await peer.SyncAsync();

        await stream.DisposeAsync();

        await peer.SyncAsync();
        Assert.Equal([Ack], peer.FramesFor(1));
    }

    [Fact]
    public async Task ClosingTheWriteSideTwice_SendsOneFin()
    {
        await using var peer = new YamuxRawPeer(new YamuxOptions(), pingDelay: null);
        var stream = await peer.OpenAsync(1);

        await stream.CloseWriteAsync().WaitAsync(YamuxPair.TestTimeout);
        await stream.CloseWriteAsync().WaitAsync(YamuxPair.TestTimeout);

        await peer.SyncAsync();
        Assert.Equal([Ack, Fin], peer.FramesFor(1));
    }

    [Fact]
    public async Task ClosingTheWriteSideOfAResetStream_SendsNothingMore()
    {
        await using var peer = new YamuxRawPeer(new YamuxOptions(), pingDelay: null);
        var stream = await peer.OpenAsync(1);
        stream.Reset();

        await stream.CloseWriteAsync().WaitAsync(YamuxPair.TestTimeout);
        stream.Reset();

        await peer.SyncAsync();
        Assert.Equal([Ack, Rst], peer.FramesFor(1));
    }

    [Fact]
    public async Task ReadingAfterTheRemotesFin_IsNotCredited()
    {
        await using var peer = new YamuxRawPeer(new YamuxOptions(), pingDelay: null);
        var stream = await peer.OpenAsync(1);
        const int count = 200 * 1024;

        // More than half the window: read without the FIN, this would be credited.
        await peer.SendAsync(YamuxPair.Frame(YamuxFrameType.Data, YamuxFlags.Fin, 1, count, new byte[count]));
        await YamuxSessionTests.WaitUntilAsync(() => stream.IsRemoteWriteClosed);
        await YamuxRawPeer.ReadOnceAsync(stream, count);

        await peer.SyncAsync();
        Assert.Equal([Ack], peer.FramesFor(1));
    }

    [Fact]
    public async Task StreamClosedBothWays_IsForgotten()
    {
        await using var peer = new YamuxRawPeer(new YamuxOptions(), pingDelay: null);
        var stream = await peer.OpenAsync(1);
        await peer.SendAsync(YamuxPair.Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Fin, 1, 0));
        await YamuxSessionTests.WaitUntilAsync(() => stream.IsRemoteWriteClosed);
        Assert.Equal(1, peer.Server.StreamCount);

        await stream.CloseWriteAsync().WaitAsync(YamuxPair.TestTimeout);

        Assert.Equal(0, peer.Server.StreamCount);
    }

    [Fact]
    public async Task EmptyDataFrameForAStreamThisSideStoppedReading_IsNotCredited()
    {
        await using var peer = new YamuxRawPeer(new YamuxOptions(), pingDelay: null);
        var stream = await peer.OpenAsync(1);
        await stream.DisposeAsync();

        await peer.SendAsync(YamuxPair.Frame(YamuxFrameType.Data, YamuxFlags.None, 1, 0));

        await peer.SyncAsync();
        Assert.Equal([Ack, Fin], peer.FramesFor(1));
    }

    [Fact]
    public async Task DataForAnUnknownStream_IsNotCredited()
    {
        await using var peer = new YamuxRawPeer(new YamuxOptions(), pingDelay: null);

        await peer.SendAsync(YamuxPair.Frame(YamuxFrameType.Data, YamuxFlags.None, 77, 3, [1, 2, 3]));

        await peer.SyncAsync();
        Assert.Empty(peer.FramesFor(77));
        Assert.False(peer.Server.IsClosed);
    }

    [Fact]
    public async Task DataStillArrivingWhenTheStreamIsDisposed_IsNotBuffered()
    {
        await using var peer = new YamuxRawPeer(new YamuxOptions(), pingDelay: null);
        var stream = await peer.OpenAsync(1);

        // The header and half the payload: the read loop has taken the frame (counted it) and waits for the rest.
        var frame = YamuxPair.Frame(YamuxFrameType.Data, YamuxFlags.None, 1, 10, new byte[10]);
        await peer.SendAsync(frame[..17]);
        await YamuxSessionTests.WaitUntilAsync(() => peer.Server.PayloadBytesReceived == 10);
        await stream.DisposeAsync();
        await peer.SendAsync(frame[17..]);

        await peer.SyncAsync();
        Assert.Equal(0, stream.BufferedBytes);
    }

    [Fact]
    public async Task DataFollowedByTheRemotesReset_IsDropped_AndReadsFail()
    {
        await using var peer = new YamuxRawPeer(new YamuxOptions(), pingDelay: null);
        var stream = await peer.OpenAsync(1);
        await peer.SendDataAsync(stream, 10);

        await peer.SendAsync(YamuxPair.Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Rst, 1, 0));
        await peer.SyncAsync();

        Assert.Equal(0, stream.BufferedBytes);
        var failure = await Assert.ThrowsAsync<IOException>(() => stream.ReadAsync(new byte[10]).AsTask().WaitAsync(YamuxPair.TestTimeout));
        Assert.Equal("The remote peer reset stream 1.", failure.Message);
    }

    [Fact]
    public async Task DataReceivedBeforeTheSessionCloses_StaysReadable_ThenReadsFail()
    {
        await using var peer = new YamuxRawPeer(new YamuxOptions(), pingDelay: null);
        var stream = await peer.OpenAsync(1);
        await peer.SendDataAsync(stream, 10);

        await peer.SendAsync(YamuxPair.Frame(YamuxFrameType.GoAway, YamuxFlags.None, 0, (uint)YamuxGoAwayCode.InternalError));
        await peer.Server.Completion.WaitAsync(YamuxPair.TestTimeout);

        Assert.Equal(10, await stream.ReadAsync(new byte[20]).AsTask().WaitAsync(YamuxPair.TestTimeout));
        await Assert.ThrowsAsync<IOException>(() => stream.ReadAsync(new byte[1]).AsTask().WaitAsync(YamuxPair.TestTimeout));
    }

    [Fact]
    public async Task ResetAndDispose_DropWhatIsBuffered()
    {
        await using var peer = new YamuxRawPeer(new YamuxOptions(), pingDelay: null);
        var reset = await peer.OpenAsync(1);
        var disposed = await peer.OpenAsync(3);
        await peer.SendDataAsync(reset, 10);
        await peer.SendDataAsync(disposed, 10);

        reset.Reset();
        await disposed.DisposeAsync();

        Assert.Equal(0, reset.BufferedBytes);
        Assert.Equal(0, disposed.BufferedBytes);
        var failure = await Assert.ThrowsAsync<IOException>(() => reset.ReadAsync(new byte[10]).AsTask().WaitAsync(YamuxPair.TestTimeout));
        Assert.Equal("Stream 1 was reset locally.", failure.Message);
    }
}
