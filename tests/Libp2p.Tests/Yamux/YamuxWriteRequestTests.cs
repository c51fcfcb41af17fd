using DePinGpu.Libp2p.Yamux;
using static DePinGpu.Libp2p.Tests.Yamux.YamuxPair;

namespace DePinGpu.Libp2p.Tests.Yamux;

/// <summary>
/// Writes that must not reach the wire (cancelled before they were queued, or empty) and the write-stall clock, which
/// runs only while a write is inside the transport.
/// </summary>
public sealed class YamuxWriteRequestTests
{
    [Fact]
    public async Task PingWithAnAlreadyCancelledToken_IsNotSent()
    {
        await using var scripted = new ScriptedSession();
        await scripted.SettledAsync();
        var stream = await scripted.Session.OpenStreamAsync().WaitAsync(TestTimeout);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scripted.Session.PingAsync(new CancellationToken(canceled: true)));

        // Frames go out in the order they were queued: once a later write is on the wire, a sent ping would be too.
        await stream.WriteAsync(new byte[10]).AsTask().WaitAsync(TestTimeout);
        Assert.Single(scripted.Transport.Frames(), frame => frame.Type == YamuxFrameType.Ping);
    }

    [Fact]
    public async Task StreamWriteWithAnAlreadyCancelledToken_SendsNoData()
    {
        await using var scripted = new ScriptedSession();
        await scripted.SettledAsync();
        var cancelled = await scripted.Session.OpenStreamAsync().WaitAsync(TestTimeout);
        var other = await scripted.Session.OpenStreamAsync().WaitAsync(TestTimeout);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WriteAsync(new byte[10], new CancellationToken(canceled: true)).AsTask());

        await other.WriteAsync(new byte[10]).AsTask().WaitAsync(TestTimeout);
        Assert.Equal([other.StreamId], scripted.DataStreams());
    }

    [Fact]
    public async Task EmptyStreamWrite_CompletesAtOnce_AndSendsNothing()
    {
        await using var scripted = new ScriptedSession();
        await scripted.SettledAsync();
        var stream = await scripted.Session.OpenStreamAsync().WaitAsync(TestTimeout);
        var before = scripted.Transport.Frames().Count;

        await stream.WriteAsync(ReadOnlyMemory<byte>.Empty).AsTask().WaitAsync(TestTimeout);
        await stream.WriteAsync(new byte[10]).AsTask().WaitAsync(TestTimeout);

        Assert.Equal(before + 1, scripted.Transport.Frames().Count);
    }

    [Fact]
    public async Task AfterTheLastWriteFinished_TheStallClockIsStopped_SoAnIdleSessionStaysOpen()
    {
        // The opening ping is a write; a stall clock left running after it would close this idle session as
        // "blocked" within a few maintenance ticks (one a second).
        var stallTimeout = TimeSpan.FromSeconds(1);
        await using var scripted = new ScriptedSession(new YamuxOptions { WriteStallTimeout = stallTimeout });
        await scripted.SettledAsync();

        var closed = await Task.WhenAny(scripted.Session.Completion, Task.Delay(stallTimeout + TimeSpan.FromSeconds(4)));

        Assert.NotSame(scripted.Session.Completion, closed);
        Assert.False(scripted.Session.IsClosed, scripted.Session.CloseReason);
    }
}
