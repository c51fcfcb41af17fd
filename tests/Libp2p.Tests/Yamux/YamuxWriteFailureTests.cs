using DePinGpu.Libp2p.Tests.Support;
using DePinGpu.Libp2p.Yamux;
using static DePinGpu.Libp2p.Tests.Yamux.YamuxPair;

namespace DePinGpu.Libp2p.Tests.Yamux;

/// <summary>
/// A transport write that fails closes the session with the failure as its reason, fails the write in flight and
/// every write queued behind it (none may wait forever), and nothing more is written to the dead transport.
/// </summary>
public sealed class YamuxWriteFailureTests
{
    private const string ClosedDebugEvent = "Yamux session with scripted peer closed: writing failed: broken pipe";

    [Fact]
    public async Task TransportWriteFailure_ClosesWithItsMessage_AndFailsTheWriteInFlightAndEveryQueuedWrite()
    {
        var logs = new CapturingLoggerFactory();
        await using var scripted = new ScriptedSession(logger: logs.CreateLogger("yamux"));
        await scripted.SettledAsync();
        var streams = new List<YamuxStream>();
        for (var index = 0; index < 3; index++)
        {
            streams.Add(await scripted.Session.OpenStreamAsync().WaitAsync(TestTimeout));
        }

        var before = scripted.Transport.Entered;
        scripted.Transport.Hold();
        var inFlight = streams[0].WriteAsync(new byte[100]).AsTask();
        await scripted.EnteredAsync(before + 1);
        var queued = new[] { streams[1].WriteAsync(new byte[200]).AsTask(), streams[2].WriteAsync(new byte[300]).AsTask() };

        scripted.Transport.FailWritesWith("broken pipe");
        scripted.Transport.Release();

        var failure = await Assert.ThrowsAsync<IOException>(() => inFlight.WaitAsync(TestTimeout));
        Assert.Equal("The connection to scripted peer is closed: writing failed: broken pipe.", failure.Message);
        Assert.Equal("broken pipe", failure.InnerException?.Message);
        foreach (var write in queued)
        {
            var queuedFailure = await Assert.ThrowsAsync<IOException>(() => write.WaitAsync(TestTimeout));
            Assert.Equal("The connection to scripted peer closed: writing failed: broken pipe.", queuedFailure.Message);
        }

        Assert.True(scripted.Session.IsClosed);
        Assert.Equal("writing failed: broken pipe", scripted.Session.CloseReason);

        // A failing transport is the connection ending, not the remote misbehaving: logged as a close, not an abort.
        Assert.Contains(logs.Entries, entry => entry.EventId == 7100 && entry.Message == ClosedDebugEvent);
        Assert.DoesNotContain(logs.Entries, entry => entry.EventId == 7102);
    }

    [Fact]
    public async Task TransportWriteFailure_WithControlFramesStillQueued_WritesNothingMoreToTheClosedTransport()
    {
        await using var scripted = new ScriptedSession();
        await scripted.SettledAsync();
        var stream = await scripted.Session.OpenStreamAsync().WaitAsync(TestTimeout);
        var before = scripted.Transport.Entered;
        scripted.Transport.Hold();
        var inFlight = stream.WriteAsync(new byte[100]).AsTask();
        await scripted.EnteredAsync(before + 1);

        // A ping answer and a stream ACK queue behind the write that is about to fail.
        await scripted.PingThenOpenAsync(pingId: 5, streamId: 2);
        scripted.Transport.FailWritesWith("broken pipe");
        scripted.Transport.Release();

        await Assert.ThrowsAsync<IOException>(() => inFlight.WaitAsync(TestTimeout));
        await scripted.Session.Completion.WaitAsync(TestTimeout);
        Assert.Equal(0, scripted.Transport.WritesAfterDispose);
        Assert.Equal(before + 1, scripted.Transport.Entered);
    }
}
