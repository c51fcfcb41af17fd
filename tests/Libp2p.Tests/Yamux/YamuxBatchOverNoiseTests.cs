using System.Security.Cryptography;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Noise;
using DePinGpu.Libp2p.Tests.Support;
using DePinGpu.Libp2p.Yamux;
using static DePinGpu.Libp2p.Tests.Yamux.YamuxPair;

namespace DePinGpu.Libp2p.Tests.Yamux;

/// <summary>
/// Batches written through Noise's gathering path: the muxer hands Noise its frame headers as slices of one buffer
/// beside the payloads, so every slice must cover exactly the headers between two payloads, including header-only
/// frames (FIN, SYN) queued after the last payload.
/// </summary>
public sealed class YamuxBatchOverNoiseTests
{
    [Fact]
    public async Task BatchEndingInHeaderOnlyFramesAfterData_ArrivesIntact()
    {
        var (left, right) = InMemoryDuplex.CreatePair(pauseThreshold: 1 << 22);
        var gated = new GatedStream(left);
        var responding = NoiseSecurity.SecureInboundAsync(right, Ed25519PrivateKey.Generate(), [], CancellationToken.None);
        var initiator = await NoiseSecurity.SecureOutboundAsync(gated, Ed25519PrivateKey.Generate(), null, [], CancellationToken.None).WaitAsync(TestTimeout);
        var options = new YamuxOptions { KeepAliveInterval = null };
        await using var client = new YamuxSession(initiator, isClient: true, options, remoteName: "server");
        await using var server = new YamuxSession(await responding.WaitAsync(TestTimeout), isClient: false, options, remoteName: "client");
        client.Start();
        server.Start();

        // Let the opening pings and the streams' SYN/ACKs settle, so nothing else joins the batch under test.
        await YamuxSessionTests.WaitUntilAsync(() => client.RoundTripTime is not null && server.RoundTripTime is not null);
        var holding = await client.OpenStreamAsync().WaitAsync(TestTimeout);
        var data = await client.OpenStreamAsync().WaitAsync(TestTimeout);
        var finOnly = await client.OpenStreamAsync().WaitAsync(TestTimeout);
        var accepted = new Dictionary<uint, YamuxStream>();
        for (var index = 0; index < 3; index++)
        {
            var stream = (await server.AcceptStreamAsync().AsTask().WaitAsync(TestTimeout))!;
            accepted[stream.StreamId] = stream;
        }

        // The first write's flusher waits in the transport; a data frame and then a header-only FIN queue behind it
        // and go out together as the next batch: [header, payload, header-only FIN].
        var first = RandomNumberGenerator.GetBytes(1000);
        var second = RandomNumberGenerator.GetBytes(777);
        gated.Hold();
        var writingFirst = holding.WriteAsync(first).AsTask();
        await gated.BlockedWrite.WaitAsync(TestTimeout);
        var writingSecond = data.WriteAsync(second).AsTask();
        var closing = finOnly.CloseWriteAsync();
        gated.Open();
        await Task.WhenAll(writingFirst, writingSecond, closing).WaitAsync(TestTimeout);

        Assert.Equal(first, await ReadExactlyAsync(accepted[holding.StreamId], first.Length));
        Assert.Equal(second, await ReadExactlyAsync(accepted[data.StreamId], second.Length));
        Assert.Empty(await ReadToEndAsync(accepted[finOnly.StreamId]));
        Assert.False(server.IsClosed, server.CloseReason);
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(TestTimeout);
        return buffer;
    }
}
