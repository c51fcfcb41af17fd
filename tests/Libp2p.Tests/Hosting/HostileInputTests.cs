using System.Net.Sockets;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Multistream;
using DePinGpu.Libp2p.Noise;
using DePinGpu.Libp2p.Tests.Support;
using static DePinGpu.Libp2p.Tests.Hosting.HostPair;

namespace DePinGpu.Libp2p.Tests.Hosting;

public sealed class HostileInputTests
{
    [Fact]
    public async Task RandomBytesAtEachLayer_DropOnlyThatConnection()
    {
        var logs = new CapturingLoggerFactory();
        var (listener, address) = await StartAsync(loggerFactory: logs);
        await using var listenerScope = listener;
        address.TryGetTcpTarget(out _, out var port);
        var random = new Random(5);

        for (var layer = 0; layer < 3; layer++)
        {
            for (var round = 0; round < 5; round++)
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                var stream = client.GetStream();
                var secured = await ReachLayerAsync(stream, layer);
                var junk = new byte[random.Next(1, 4000)];
                random.NextBytes(junk);
                try
                {
                    await secured.WriteAsync(junk);

                    // End the send side so a host waiting for more bytes sees end-of-stream instead of a timeout.
                    client.Client.Shutdown(SocketShutdown.Send);
                    var sink = new byte[4096];
                    while (await secured.ReadAsync(sink).AsTask().WaitAsync(TestTimeout) > 0)
                    {
                    }
                }
                catch (IOException)
                {
                    // The host closed the connection (possibly mid-write): what the test expects.
                }
            }
        }

        // The host still serves well-behaved peers and logged what it dropped.
        var (dialer, _) = await StartAsync();
        await using var __ = dialer;
        await using var echo = await (await dialer.DialAsync(address)).OpenStreamAsync([EchoProtocol]);
        Assert.Equal(new byte[] { 1 }, await EchoRoundTripAsync(echo, [1]));
        Assert.Contains(logs.Entries, entry => entry.EventId is 7003 or 7101);
        await WaitUntilAsync(() => listener.ConnectionCount == 1);
    }

    [Fact]
    public async Task EarlyMuxerListWithoutYamux_IsRefusedWithALoggedReason()
    {
        var logs = new CapturingLoggerFactory();
        var (listener, address) = await StartAsync(loggerFactory: logs);
        await using var listenerScope = listener;
        address.TryGetTcpTarget(out _, out var port);

        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        await MultistreamSelect.SelectAsync(stream, [NoiseSecurity.ProtocolId], CancellationToken.None);
        var secure = await NoiseSecurity.SecureOutboundAsync(stream, DePinGpu.Libp2p.Identity.Ed25519PrivateKey.Generate(), listener.LocalPeerId, ["/mplex/6.7.0"], CancellationToken.None);

        Assert.Equal(0, await secure.ReadAsync(new byte[16]).AsTask().WaitAsync(TestTimeout));
        await WaitUntilAsync(() => logs.Contains(7003, "/mplex/6.7.0"));
        Assert.Equal(0, listener.ConnectionCount);
    }

    /// <summary>0: raw TCP; 1: after /noise negotiation; 2: inside Noise after /yamux negotiation.</summary>
    internal static async Task<Stream> ReachLayerAsync(NetworkStream stream, int layer)
    {
        if (layer == 0)
        {
            return stream;
        }

        await MultistreamSelect.SelectAsync(stream, [NoiseSecurity.ProtocolId], CancellationToken.None);
        if (layer == 1)
        {
            return stream;
        }

        var secure = await NoiseSecurity.SecureOutboundAsync(stream, DePinGpu.Libp2p.Identity.Ed25519PrivateKey.Generate(), null, ["/yamux/1.0.0"], CancellationToken.None);
        return secure;
    }

    internal static byte[] YamuxFrame(byte type, ushort flags, uint streamId, uint length, byte[] payload)
    {
        var frame = new byte[12 + payload.Length];
        frame[1] = type;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), flags);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), streamId);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), length);
        payload.CopyTo(frame, 12);
        return frame;
    }
}
