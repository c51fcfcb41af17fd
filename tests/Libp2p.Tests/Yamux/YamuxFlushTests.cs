using DePinGpu.Libp2p.Yamux;
using static DePinGpu.Libp2p.Tests.Yamux.YamuxPair;

namespace DePinGpu.Libp2p.Tests.Yamux;

/// <summary>
/// Who flushes: a writer that finds no flush running writes the queue, returns once its own frame is out and hands
/// the rest to the session's writer loop, which also sends the control frames the read loop queues. The transport
/// (<see cref="ScriptedTransport"/>) holds each write until the test lets it through, so a test fixes which flush is
/// inside the transport while others queue, and checks that writes never overlap and no queued frame is stranded.
/// </summary>
public sealed class YamuxFlushTests
{
    /// <summary>Long enough for the writer loop to act on a wake on a loaded machine; only a broken hand-off acts on it.</summary>
    private static readonly TimeSpan WriterLoopChance = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task WriterWhoseFrameIsOut_Returns_WhileTheFramesQueuedBehindItAreStillBeingWritten()
    {
        await using var scripted = new ScriptedSession();
        await scripted.SettledAsync();
        var first = await scripted.Session.OpenStreamAsync().WaitAsync(TestTimeout);
        var second = await scripted.Session.OpenStreamAsync().WaitAsync(TestTimeout);
        var before = scripted.Transport.Entered;

        scripted.Transport.Hold();
        var writingFirst = first.WriteAsync(new byte[100]).AsTask();
        await scripted.EnteredAsync(before + 1);
        var writingSecond = second.WriteAsync(new byte[200]).AsTask();

        // Only the first batch may leave the transport: the first writer's frame is out, so its write must complete
        // although the second frame is still waiting in the transport (written by the writer loop, not by it).
        scripted.Transport.Release();
        await writingFirst.WaitAsync(TestTimeout);
        await scripted.EnteredAsync(before + 2);
        Assert.False(writingSecond.IsCompleted);

        scripted.Transport.Open();
        await writingSecond.WaitAsync(TestTimeout);
        Assert.Equal([first.StreamId, second.StreamId], scripted.DataStreams());
        Assert.Equal(1, scripted.Transport.MaxConcurrentWrites);
    }

    [Fact]
    public async Task ControlFramesQueuedWhileAWriterIsInTheTransport_GoOutAfterIt_WithoutASecondWriter()
    {
        await using var scripted = new ScriptedSession();
        await scripted.SettledAsync();
        var first = await scripted.Session.OpenStreamAsync().WaitAsync(TestTimeout);
        var second = await scripted.Session.OpenStreamAsync().WaitAsync(TestTimeout);
        var before = scripted.Transport.Entered;

        scripted.Transport.Hold();
        var writingFirst = first.WriteAsync(new byte[100]).AsTask();
        await scripted.EnteredAsync(before + 1);

        // The read loop queues a ping answer and a stream ACK and wakes the writer loop, which must leave them to the
        // flush in progress; a second writer arriving now must queue behind that flush too.
        await scripted.PingThenOpenAsync(pingId: 7, streamId: 2);
        await Task.Delay(WriterLoopChance);
        var writingSecond = second.WriteAsync(new byte[200]).AsTask();
        Assert.Equal(before + 1, scripted.Transport.Entered);

        // After the first writer's frame the queue still holds the control frames and the second frame: handed on,
        // not stranded until some later write happens to flush them.
        scripted.Transport.Open();
        await Task.WhenAll(writingFirst, writingSecond).WaitAsync(TestTimeout);
        await YamuxSessionTests.WaitUntilAsync(() => scripted.PingAnswers(7) == 1);
        Assert.Equal(1, scripted.Transport.MaxConcurrentWrites);
    }

    [Fact]
    public async Task ControlFramesQueuedAfterTheLastWrite_AreSentWithoutAnotherWrite()
    {
        await using var scripted = new ScriptedSession();
        await scripted.SettledAsync();
        var first = await scripted.Session.OpenStreamAsync().WaitAsync(TestTimeout);
        var before = scripted.Transport.Entered;

        scripted.Transport.Hold();
        var writing = first.WriteAsync(new byte[100]).AsTask();
        await scripted.EnteredAsync(before + 1);
        await scripted.PingThenOpenAsync(pingId: 9, streamId: 2);
        await Task.Delay(WriterLoopChance);

        // Nothing else is written after this: the answer must go out on its own once the writer's frame is out.
        scripted.Transport.Open();
        await writing.WaitAsync(TestTimeout);
        await YamuxSessionTests.WaitUntilAsync(() => scripted.PingAnswers(9) == 1);
    }

    [Fact]
    public async Task WritersArrivingWhileTheWriterLoopFlushes_QueueBehindIt()
    {
        await using var scripted = new ScriptedSession();
        await scripted.SettledAsync();
        var streams = new List<YamuxStream>();
        for (var index = 0; index < 4; index++)
        {
            streams.Add(await scripted.Session.OpenStreamAsync().WaitAsync(TestTimeout));
        }

        var before = scripted.Transport.Entered;
        scripted.Transport.Hold();
        var writingFirst = streams[0].WriteAsync(new byte[100]).AsTask();
        await scripted.EnteredAsync(before + 1);
        var writingSecond = streams[1].WriteAsync(new byte[200]).AsTask();

        // The first writer hands the second frame to the writer loop, which is now inside the transport.
        scripted.Transport.Release();
        await writingFirst.WaitAsync(TestTimeout);
        await scripted.EnteredAsync(before + 2);
        var writingThird = streams[2].WriteAsync(new byte[300]).AsTask();
        Assert.Equal(before + 2, scripted.Transport.Entered);

        // Once that flush is done a stream writer flushes again; a wake of the writer loop (a ping arriving) while it
        // is in the transport must not start a second flush beside it.
        scripted.Transport.Release(2);
        await Task.WhenAll(writingSecond, writingThird).WaitAsync(TestTimeout);
        var entered = scripted.Transport.Entered;
        var writingFourth = streams[3].WriteAsync(new byte[400]).AsTask();
        await scripted.EnteredAsync(entered + 1);
        await scripted.PingThenOpenAsync(pingId: 11, streamId: 2);
        await Task.Delay(WriterLoopChance);
        Assert.Equal(entered + 1, scripted.Transport.Entered);

        scripted.Transport.Open();
        await writingFourth.WaitAsync(TestTimeout);
        await YamuxSessionTests.WaitUntilAsync(() => scripted.PingAnswers(11) == 1);
        Assert.Equal([.. streams.Select(stream => stream.StreamId)], scripted.DataStreams());
        Assert.Equal(1, scripted.Transport.MaxConcurrentWrites);
    }

    [Fact]
    public async Task ControlFramesBeyondTheLimit_WhileTheFlushIsStuck_CloseTheSessionAtExactlyTheLimit()
    {
        await using var scripted = new ScriptedSession(new YamuxOptions { MaxPendingControlFrames = 3, WriteStallTimeout = TimeSpan.FromMinutes(5) });
        await scripted.SettledAsync();
        var stream = await scripted.Session.OpenStreamAsync().WaitAsync(TestTimeout);
        var before = scripted.Transport.Entered;
        scripted.Transport.Hold();
        var writing = stream.WriteAsync(new byte[100]).AsTask();
        await scripted.EnteredAsync(before + 1);

        // Three answers fit the limit; the fourth finds three queued and closes the session.
        for (var ping = 0u; ping < 4; ping++)
        {
            await scripted.Remote.WriteAsync(Frame(YamuxFrameType.Ping, YamuxFlags.Syn, 0, ping)).AsTask().WaitAsync(TestTimeout);
        }

        await scripted.Session.Completion.WaitAsync(TestTimeout);
        Assert.Equal("3 control frames are queued unsent; the remote is not reading", scripted.Session.CloseReason);
        await Assert.ThrowsAnyAsync<IOException>(() => writing.WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task FramesQueuedBehindAFlush_GoOutInBatchesOfAtMost512KiB()
    {
        await using var scripted = new ScriptedSession();
        await scripted.SettledAsync();
        var streams = new List<YamuxStream>();
        for (var index = 0; index < 4; index++)
        {
            streams.Add(await scripted.Session.OpenStreamAsync().WaitAsync(TestTimeout));
        }

        var before = scripted.Transport.Entered;
        var written = scripted.Transport.WriteSizes().Count;
        scripted.Transport.Hold();
        var writing = new List<Task> { streams[0].WriteAsync(new byte[100]).AsTask() };
        await scripted.EnteredAsync(before + 1);

        // Three 200 KiB frames queue behind the held write: two fit in 512 KiB, the third needs a batch of its own.
        const int FrameSize = 12 + (200 * 1024);
        writing.AddRange(streams.Skip(1).Select(stream => stream.WriteAsync(new byte[200 * 1024]).AsTask()));
        scripted.Transport.Open();
        await Task.WhenAll(writing).WaitAsync(TestTimeout);

        Assert.Equal([12 + 100, 2 * FrameSize, FrameSize], scripted.Transport.WriteSizes().Skip(written));
    }
}
