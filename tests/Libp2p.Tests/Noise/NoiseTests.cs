using System.Buffers.Binary;
using System.Security.Cryptography;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Noise;
using DePinGpu.Libp2p.Tests.Support;

namespace DePinGpu.Libp2p.Tests.Noise;

public sealed class NoiseTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(true, false)]
    public async Task Handshake_BothKeyTypes_AuthenticatesPeersAndExchangesMuxers(bool initiatorSecp, bool responderSecp)
    {
        var initiatorKey = CreateKey(initiatorSecp);
        var responderKey = CreateKey(responderSecp);
        var (left, right) = InMemoryDuplex.CreatePair();

        var responding = NoiseSecurity.SecureInboundAsync(right, responderKey, ["/yamux/1.0.0"], CancellationToken.None);
        var initiator = await NoiseSecurity.SecureOutboundAsync(left, initiatorKey, responderKey.PeerId, [], CancellationToken.None).WaitAsync(Timeout);
        var responder = await responding.WaitAsync(Timeout);

        Assert.Equal(responderKey.PeerId, initiator.RemotePeerId);
        Assert.Equal(initiatorKey.PeerId, responder.RemotePeerId);
        Assert.Equal(["/yamux/1.0.0"], initiator.RemoteStreamMuxers);
        Assert.Empty(responder.RemoteStreamMuxers);
    }

    [Fact]
    public async Task Transport_LargeWritesBothWays_ArriveIntactInOrder()
    {
        var (initiator, responder) = await ConnectAsync();
        var data = RandomNumberGenerator.GetBytes(3 * NoiseSecureStream.MaxPlaintextLength + 12345);

        var sending = Task.Run(async () =>
        {
            await initiator.WriteAsync(data);
            await initiator.WriteAsync(new byte[] { 7 });
        });
        var received = new byte[data.Length + 1];
        await responder.ReadExactlyAsync(received).AsTask().WaitAsync(Timeout);
        await sending.WaitAsync(Timeout);
        Assert.Equal(data, received[..^1]);
        Assert.Equal(7, received[^1]);

        await responder.WriteAsync(data.AsMemory(0, 1000));
        var back = new byte[1000];
        await initiator.ReadExactlyAsync(back).AsTask().WaitAsync(Timeout);
        Assert.Equal(data[..1000], back);
    }

    [Fact]
    public async Task Transport_FramesOnTheWire_AreLengthPrefixedAndAtMost65535()
    {
        var (left, right) = InMemoryDuplex.CreatePair(pauseThreshold: 1 << 24);
        var responderKey = Ed25519PrivateKey.Generate();
        var tap = new NoiseFrameTap(right);
        var responding = NoiseSecurity.SecureInboundAsync(tap, responderKey, [], CancellationToken.None);
        var initiator = await NoiseSecurity.SecureOutboundAsync(left, Ed25519PrivateKey.Generate(), null, [], CancellationToken.None).WaitAsync(Timeout);
        var responder = await responding.WaitAsync(Timeout);

        await initiator.WriteAsync(new byte[200_000]);
        var sink = new byte[200_000];
        await responder.ReadExactlyAsync(sink).AsTask().WaitAsync(Timeout);

        // Handshake: 32-byte message A, then message C; transport: 4 frames for 200000 bytes.
        Assert.Equal(32, tap.FrameLengths[0]);
        Assert.Equal([65535, 65535, 65535, 3443 + 16], tap.FrameLengths.Skip(2).ToArray());
    }

    [Fact]
    public async Task Handshake_DialledPeerIdDiffers_InitiatorRejects()
    {
        var (left, right) = InMemoryDuplex.CreatePair();
        var responding = NoiseSecurity.SecureInboundAsync(right, Ed25519PrivateKey.Generate(), [], CancellationToken.None);
        var exception = await Assert.ThrowsAsync<Libp2pProtocolException>(
            () => NoiseSecurity.SecureOutboundAsync(left, Ed25519PrivateKey.Generate(), Ed25519PrivateKey.Generate().PeerId, [], CancellationToken.None).WaitAsync(Timeout));
        Assert.Contains("authenticated as", exception.Message, StringComparison.Ordinal);
        left.Dispose();
        await Assert.ThrowsAnyAsync<IOException>(() => responding.WaitAsync(Timeout));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Handshake_SignatureByAnotherKey_IsRejected(bool misbehavingResponder)
    {
        var liar = new MisbehavingKey(Secp256k1PrivateKey.Generate(), Secp256k1PrivateKey.Generate());
        var (left, right) = InMemoryDuplex.CreatePair();
        var responding = NoiseSecurity.SecureInboundAsync(right, misbehavingResponder ? liar : Ed25519PrivateKey.Generate(), [], CancellationToken.None);
        var initiating = NoiseSecurity.SecureOutboundAsync(left, misbehavingResponder ? Ed25519PrivateKey.Generate() : liar, null, [], CancellationToken.None);

        var rejecting = misbehavingResponder ? initiating : responding;
        var exception = await Assert.ThrowsAsync<Libp2pProtocolException>(() => rejecting.WaitAsync(Timeout));
        Assert.Contains("signature", exception.Message, StringComparison.Ordinal);
        left.Dispose();
        right.Dispose();
    }

    [Fact]
    public async Task Handshake_RandomBytesFromDialer_FailCleanlyWithoutHanging()
    {
        var random = new Random(1234);
        for (var round = 0; round < 200; round++)
        {
            var (left, right) = InMemoryDuplex.CreatePair();
            var junk = new byte[random.Next(0, 300)];
            random.NextBytes(junk);
            await left.WriteAsync(junk);
            left.Dispose();

            await Assert.ThrowsAnyAsync<IOException>(
                () => NoiseSecurity.SecureInboundAsync(right, Ed25519PrivateKey.Generate(), [], CancellationToken.None).WaitAsync(Timeout));
        }
    }

    [Fact]
    public async Task Handshake_OneMutatedByteInAnyMessage_FailsOnAtLeastOneSide()
    {
        var random = new Random(99);
        for (var round = 0; round < 60; round++)
        {
            var (initiatorEnd, relayLeft) = InMemoryDuplex.CreatePair();
            var (relayRight, responderEnd) = InMemoryDuplex.CreatePair();
            var messageToCorrupt = random.Next(0, 3);
            var relay = Task.WhenAll(
                RelayFramesAsync(relayLeft, relayRight, messageToCorrupt is 0 or 2 ? (messageToCorrupt == 0 ? 0 : 1) : -1, random.Next()),
                RelayFramesAsync(relayRight, relayLeft, messageToCorrupt == 1 ? 0 : -1, random.Next()));

            var responding = NoiseSecurity.SecureInboundAsync(responderEnd, Ed25519PrivateKey.Generate(), [], CancellationToken.None);
            var initiating = NoiseSecurity.SecureOutboundAsync(initiatorEnd, Ed25519PrivateKey.Generate(), null, [], CancellationToken.None);
            var failures = 0;
            foreach (var side in new Task[] { initiating, responding })
            {
                try
                {
                    await side.WaitAsync(Timeout);
                }
                catch (IOException)
                {
                    failures++;
                    initiatorEnd.Dispose();
                    responderEnd.Dispose();
                }
            }

            Assert.True(failures > 0, $"Round {round}: corrupting message {messageToCorrupt} went unnoticed.");
            await Task.WhenAny(relay, Task.Delay(Timeout));
        }
    }

    [Fact]
    public async Task Transport_MutatedOrTruncatedFrames_AreRejected()
    {
        var random = new Random(7);
        for (var round = 0; round < 100; round++)
        {
            var (initiatorEnd, relayLeft) = InMemoryDuplex.CreatePair();
            var (relayRight, responderEnd) = InMemoryDuplex.CreatePair();
            var relayToResponder = RelayFramesAsync(relayLeft, relayRight, corruptIndex: 2, random.Next(), truncate: round % 4 == 0);
            var relayBack = RelayFramesAsync(relayRight, relayLeft, corruptIndex: -1, 0);
            var responding = NoiseSecurity.SecureInboundAsync(responderEnd, Ed25519PrivateKey.Generate(), [], CancellationToken.None);
            var initiator = await NoiseSecurity.SecureOutboundAsync(initiatorEnd, Ed25519PrivateKey.Generate(), null, [], CancellationToken.None).WaitAsync(Timeout);
            var responder = await responding.WaitAsync(Timeout);

            await initiator.WriteAsync(RandomNumberGenerator.GetBytes(random.Next(1, 5000)));
            var sink = new byte[8192];
            async Task ReadToEndAsync()
            {
                while (await responder.ReadAsync(sink).AsTask().WaitAsync(Timeout) > 0)
                {
                }
            }

            // Exact types: a truncated frame must not pass for a clean end of stream, nor a forged one for a cut.
            if (round % 4 == 0)
            {
                var cut = await Assert.ThrowsAsync<EndOfStreamException>(ReadToEndAsync);
                Assert.Contains("middle of a Noise message", cut.Message, StringComparison.Ordinal);
            }
            else
            {
                var forged = await Assert.ThrowsAsync<Libp2pProtocolException>(ReadToEndAsync);
                Assert.Contains("failed authentication", forged.Message, StringComparison.Ordinal);
            }

            initiator.Dispose();
            responder.Dispose();
            await Task.WhenAny(Task.WhenAll(relayToResponder, relayBack), Task.Delay(Timeout));
        }
    }

    [Fact]
    public async Task Transport_FrameShorterThanTag_IsRejected()
    {
        var (left, right) = InMemoryDuplex.CreatePair();
        var responding = NoiseSecurity.SecureInboundAsync(right, Ed25519PrivateKey.Generate(), [], CancellationToken.None);
        await NoiseSecurity.SecureOutboundAsync(left, Ed25519PrivateKey.Generate(), null, [], CancellationToken.None).WaitAsync(Timeout);
        var responder = await responding.WaitAsync(Timeout);

        await left.WriteAsync(new byte[] { 0, 5, 1, 2, 3, 4, 5 });
        await Assert.ThrowsAsync<Libp2pProtocolException>(async () => await responder.ReadAsync(new byte[10]).AsTask().WaitAsync(Timeout));
    }

    internal static async Task<(NoiseSecureStream Initiator, NoiseSecureStream Responder)> ConnectAsync()
    {
        var (left, right) = InMemoryDuplex.CreatePair(pauseThreshold: 1 << 22);
        var responding = NoiseSecurity.SecureInboundAsync(right, Ed25519PrivateKey.Generate(), [], CancellationToken.None);
        var initiator = await NoiseSecurity.SecureOutboundAsync(left, Ed25519PrivateKey.Generate(), null, [], CancellationToken.None).WaitAsync(Timeout);
        return (initiator, await responding.WaitAsync(Timeout));
    }

    private static PrivateKey CreateKey(bool secp256k1) => secp256k1 ? Secp256k1PrivateKey.Generate() : Ed25519PrivateKey.Generate();

    /// <summary>Copies u16-framed messages from one stream to another, flipping a byte of frame <paramref name="corruptIndex"/>.</summary>
    private static async Task RelayFramesAsync(Stream from, Stream to, int corruptIndex, int seed, bool truncate = false)
    {
        var random = new Random(seed);
        try
        {
            for (var index = 0; ; index++)
            {
                var prefix = new byte[2];
                await from.ReadExactlyAsync(prefix);
                var frame = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                await from.ReadExactlyAsync(frame);
                if (index == corruptIndex && frame.Length > 0)
                {
                    if (truncate)
                    {
                        await to.WriteAsync(prefix.Concat(frame[..(frame.Length / 2)]).ToArray());
                        to.Dispose();
                        return;
                    }

                    frame[random.Next(frame.Length)] ^= (byte)(1 << random.Next(8));
                }

                await to.WriteAsync(prefix.Concat(frame).ToArray());
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            // One side closed: the relay ends and closes the other direction too.
            to.Dispose();
        }
    }
}
