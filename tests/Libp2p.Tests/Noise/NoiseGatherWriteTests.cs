using System.Security.Cryptography;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Noise;
using DePinGpu.Libp2p.Tests.Support;

namespace DePinGpu.Libp2p.Tests.Noise;

public sealed class NoiseGatherWriteTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly int[] PieceSizes = [0, 1, 12, 100, 8191, 8192, 65518, 65519, 65520, 200_000];

    [Fact]
    public async Task GatherWrite_RandomPiecesAndReadSizes_ArriveAsTheirConcatenation()
    {
        var (initiator, responder) = await NoiseTests.ConnectAsync();
        for (var seed = 0; seed < 40; seed++)
        {
            var random = new Random(seed);
            var pieces = Enumerable.Range(0, random.Next(1, 12))
                .Select(_ => RandomNumberGenerator.GetBytes(random.Next(3) == 0 ? random.Next(0, 70_000) : PieceSizes[random.Next(PieceSizes.Length)]))
                .ToArray();
            var expected = pieces.SelectMany(piece => piece).ToArray();

            var sending = initiator.WriteAsync(pieces.Select(piece => (ReadOnlyMemory<byte>)piece).ToList()).AsTask();
            var received = new byte[expected.Length];
            for (var offset = 0; offset < received.Length;)
            {
                var wanted = Math.Min(received.Length - offset, random.Next(2) == 0 ? random.Next(1, 300) : random.Next(1, 300_000));
                offset += await responder.ReadAsync(received.AsMemory(offset, wanted)).AsTask().WaitAsync(Timeout);
            }

            await sending.WaitAsync(Timeout);
            Assert.True(expected.AsSpan().SequenceEqual(received), $"seed {seed}: the bytes read differ from the pieces written");
        }
    }

    [Fact]
    public async Task GatherWrite_HeaderThenLargePayload_SendsTheHeaderAloneAndThePayloadInWholeMessages()
    {
        var (left, right) = InMemoryDuplex.CreatePair(pauseThreshold: 1 << 24);
        var tap = new NoiseFrameTap(right);
        var responding = NoiseSecurity.SecureInboundAsync(tap, Ed25519PrivateKey.Generate(), [], CancellationToken.None);
        var initiator = await NoiseSecurity.SecureOutboundAsync(left, Ed25519PrivateKey.Generate(), null, [], CancellationToken.None).WaitAsync(Timeout);
        var responder = await responding.WaitAsync(Timeout);

        var payload = RandomNumberGenerator.GetBytes(200_000);
        await initiator.WriteAsync([new byte[12], payload, new byte[12], new byte[50]]);
        var received = new byte[12 + 200_000 + 62];
        await responder.ReadExactlyAsync(received).AsTask().WaitAsync(Timeout);

        // The small pieces around the payload are gathered into messages of their own; the payload fills whole messages.
        Assert.Equal([12 + 16, 65535, 65535, 65535, 3443 + 16, 62 + 16], tap.FrameLengths.Skip(2).ToArray());
        Assert.True(payload.AsSpan().SequenceEqual(received.AsSpan(12, 200_000)));
    }

    [Fact]
    public async Task GatherWrite_PiecesAtTheDirectLength_AreMessagesOfTheirOwnAndShorterOnesAreGathered()
    {
        var (left, right) = InMemoryDuplex.CreatePair(pauseThreshold: 1 << 24);
        var tap = new NoiseFrameTap(right);
        var responding = NoiseSecurity.SecureInboundAsync(tap, Ed25519PrivateKey.Generate(), [], CancellationToken.None);
        var initiator = await NoiseSecurity.SecureOutboundAsync(left, Ed25519PrivateKey.Generate(), null, [], CancellationToken.None).WaitAsync(Timeout);
        var responder = await responding.WaitAsync(Timeout);

        // 8 KiB is the shortest piece encrypted where it lies; one byte less is gathered with its neighbours.
        await initiator.WriteAsync([new byte[12], new byte[8192], new byte[12], new byte[8191], new byte[5]]);
        await responder.ReadExactlyAsync(new byte[12 + 8192 + 12 + 8191 + 5]).AsTask().WaitAsync(Timeout);

        Assert.Equal([12 + 16, 8192 + 16, 12 + 8191 + 5 + 16], tap.FrameLengths.Skip(2).ToArray());
    }

    [Fact]
    public async Task GatherWrite_SmallPiecesBeyondOneWriteBuffer_ArriveAsTheirConcatenation()
    {
        var (initiator, responder) = await NoiseTests.ConnectAsync();
        // 120 pieces of 8000 bytes (each gathered, none direct): 960,000 bytes, more than one 512 KiB write buffer holds,
        // so pieces are split between messages and between buffers.
        var pieces = Enumerable.Range(0, 120).Select(_ => RandomNumberGenerator.GetBytes(8000)).ToArray();

        var sending = initiator.WriteAsync(pieces.Select(piece => (ReadOnlyMemory<byte>)piece).ToList()).AsTask();
        var received = new byte[120 * 8000];
        await responder.ReadExactlyAsync(received).AsTask().WaitAsync(Timeout);
        await sending.WaitAsync(Timeout);

        Assert.True(pieces.SelectMany(piece => piece).SequenceEqual(received), "the bytes read differ from the pieces written");
    }

    [Fact]
    public async Task Read_BufferHoldingWholeMessages_ReceivesOneWholeMessagePerRead()
    {
        var (initiator, responder) = await NoiseTests.ConnectAsync();
        var data = RandomNumberGenerator.GetBytes(3 * NoiseSecureStream.MaxPlaintextLength);
        await initiator.WriteAsync(data);

        var first = new byte[NoiseSecureStream.MaxPlaintextLength];
        Assert.Equal(first.Length, await responder.ReadAsync(first).AsTask().WaitAsync(Timeout));
        var partial = new byte[100];
        Assert.Equal(100, await responder.ReadAsync(partial).AsTask().WaitAsync(Timeout));
        var rest = new byte[2 * NoiseSecureStream.MaxPlaintextLength];
        var restRead = await responder.ReadAsync(rest).AsTask().WaitAsync(Timeout);
        Assert.Equal(NoiseSecureStream.MaxPlaintextLength - 100, restRead);
        await responder.ReadExactlyAsync(rest.AsMemory(restRead, NoiseSecureStream.MaxPlaintextLength)).AsTask().WaitAsync(Timeout);

        Assert.Equal(data, first.Concat(partial).Concat(rest[..(restRead + NoiseSecureStream.MaxPlaintextLength)]).ToArray());
    }
}
