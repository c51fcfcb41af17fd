using DePinGpu.Libp2p.Tests.Support;
using DePinGpu.Libp2p.Yamux;
using Microsoft.Extensions.Logging;
using static DePinGpu.Libp2p.Tests.Yamux.YamuxPair;

namespace DePinGpu.Libp2p.Tests.Yamux;

/// <summary>
/// A client session over a <see cref="ScriptedTransport"/>: the test plays the remote with raw frames on
/// <see cref="Remote"/> and reads what the session wrote from the transport's record. Keep-alive is off, so the only
/// frame the session writes unasked is the opening ping (<see cref="SettledAsync"/> waits for it).
/// </summary>
internal sealed class ScriptedSession : IAsyncDisposable
{
    public ScriptedSession(YamuxOptions? options = null, ILogger? logger = null)
    {
        var (remote, local) = InMemoryDuplex.CreatePair();
        Remote = remote;
        Transport = new ScriptedTransport(local);
        Session = new YamuxSession(Transport, isClient: true, (options ?? new YamuxOptions()) with { KeepAliveInterval = null }, logger, remoteName: "scripted peer");
        Session.Start();
    }

    public YamuxSession Session { get; }

    public ScriptedTransport Transport { get; }

    public InMemoryDuplex Remote { get; }

    /// <summary>Waits until the opening ping is on the wire, so what follows starts from a quiet session.</summary>
    public Task SettledAsync() => YamuxSessionTests.WaitUntilAsync(() => Transport.Frames().Count >= 1);

    /// <summary>
    /// Sends a ping and then opens stream <paramref name="streamId"/> from the remote; once the session has accepted
    /// the stream its read loop has queued the ping's answer (and the stream's ACK) as control frames.
    /// </summary>
    public async Task<YamuxStream> PingThenOpenAsync(uint pingId, uint streamId)
    {
        await Remote.WriteAsync(Frame(YamuxFrameType.Ping, YamuxFlags.Syn, 0, pingId)).AsTask().WaitAsync(TestTimeout);
        await Remote.WriteAsync(Frame(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, streamId, 0)).AsTask().WaitAsync(TestTimeout);
        return (await Session.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!;
    }

    /// <summary>How many answers to ping <paramref name="pingId"/> are on the wire.</summary>
    public int PingAnswers(uint pingId) =>
        Transport.Frames().Count(frame => frame.Type == YamuxFrameType.Ping && frame.Flags == YamuxFlags.Ack && frame.Length == pingId);

    /// <summary>The streams (in wire order) whose Data frames are on the wire.</summary>
    public List<uint> DataStreams() =>
        [.. Transport.Frames().Where(frame => frame.Type == YamuxFrameType.Data).Select(frame => frame.StreamId)];

    /// <summary>Waits until <paramref name="count"/> writes have entered the transport.</summary>
    public Task EnteredAsync(int count) => YamuxSessionTests.WaitUntilAsync(() => Transport.Entered >= count);

    public async ValueTask DisposeAsync()
    {
        Transport.Open();
        await Session.DisposeAsync();
        Remote.Dispose();
    }
}
