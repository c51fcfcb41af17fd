using System.Text;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Noise;
using DePinGpu.Libp2p.Tests.Support;

namespace DePinGpu.Libp2p.Tests.Noise;

/// <summary>The secure stream as a <see cref="Stream"/>: its synchronous and array overloads, end of stream, and disposal.</summary>
public sealed class NoiseSecureStreamTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Stream_ReadsAndWritesButCannotSeek()
    {
        var (initiator, responder) = await NoiseTests.ConnectAsync();
        using (initiator)
        using (responder)
        {
            Assert.True(initiator.CanRead);
            Assert.True(initiator.CanWrite);
            Assert.False(initiator.CanSeek);
            Assert.Throws<NotSupportedException>(() => initiator.Length);
            Assert.Throws<NotSupportedException>(() => initiator.Position);
            Assert.Throws<NotSupportedException>(() => initiator.Position = 0);
            Assert.Throws<NotSupportedException>(() => initiator.Seek(0, SeekOrigin.Begin));
            Assert.Throws<NotSupportedException>(() => initiator.SetLength(0));
        }
    }

    [Fact]
    public async Task SynchronousAndArrayOverloads_HonourOffsetAndCount()
    {
        var (initiator, responder) = await NoiseTests.ConnectAsync();
        using (initiator)
        using (responder)
        {
            var sent = Encoding.ASCII.GetBytes("..abcdef..");
            await Task.Run(() =>
            {
                initiator.Write(sent, 2, 3);
                initiator.Flush();
            }).WaitAsync(Timeout);
            await initiator.WriteAsync(sent, 5, 3, CancellationToken.None).WaitAsync(Timeout);
            await initiator.FlushAsync().WaitAsync(Timeout);

            var received = new byte[8];
            var first = await Task.Run(() => responder.Read(received, 1, 3)).WaitAsync(Timeout);
            var second = await responder.ReadAsync(received, 4, 4, CancellationToken.None).WaitAsync(Timeout);

            Assert.Equal((3, 3), (first, second));
            Assert.Equal("\0abcdef\0", Encoding.ASCII.GetString(received));
        }
    }

    [Fact]
    public async Task Read_EmptyBuffer_ReturnsZeroAndConsumesNothing()
    {
        var (initiator, responder) = await NoiseTests.ConnectAsync();
        using (initiator)
        using (responder)
        {
            // On an idle connection too: it answers at once instead of waiting for the next message.
            var idle = responder.ReadAsync(Memory<byte>.Empty);
            Assert.True(idle.IsCompletedSuccessfully, "an empty read waited for data");
            Assert.Equal(0, await idle);

            await initiator.WriteAsync("x"u8.ToArray()).AsTask().WaitAsync(Timeout);

            Assert.Equal(0, await responder.ReadAsync(Memory<byte>.Empty).AsTask().WaitAsync(Timeout));
            var one = new byte[1];
            Assert.Equal(1, await responder.ReadAsync(one).AsTask().WaitAsync(Timeout));
            Assert.Equal((byte)'x', one[0]);
        }
    }

    [Fact]
    public async Task Write_Empty_SendsNoMessage()
    {
        var (left, right) = InMemoryDuplex.CreatePair();
        var tap = new NoiseFrameTap(right);
        var responding = NoiseSecurity.SecureInboundAsync(tap, Ed25519PrivateKey.Generate(), [], CancellationToken.None);
        using var initiator = await NoiseSecurity.SecureOutboundAsync(left, Ed25519PrivateKey.Generate(), null, [], CancellationToken.None).WaitAsync(Timeout);
        using var responder = await responding.WaitAsync(Timeout);

        await initiator.WriteAsync(ReadOnlyMemory<byte>.Empty).AsTask().WaitAsync(Timeout);
        await initiator.WriteAsync([ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty]).AsTask().WaitAsync(Timeout);
        await initiator.WriteAsync("z"u8.ToArray()).AsTask().WaitAsync(Timeout);
        await responder.ReadExactlyAsync(new byte[1]).AsTask().WaitAsync(Timeout);

        Assert.Equal([1 + 16], tap.FrameLengths.Skip(2).ToArray()); // after the handshake's messages A and C: only the "z"
    }

    [Fact]
    public async Task RemoteClosingBetweenMessages_IsACleanEndOfStreamAfterTheLastMessage()
    {
        var (initiator, responder) = await NoiseTests.ConnectAsync();
        using (responder)
        {
            await initiator.WriteAsync("last words"u8.ToArray()).AsTask().WaitAsync(Timeout);
            initiator.Dispose();

            var received = new byte[64];
            var read = await responder.ReadAsync(received).AsTask().WaitAsync(Timeout);
            Assert.Equal("last words", Encoding.ASCII.GetString(received, 0, read));
            Assert.Equal(0, await responder.ReadAsync(received).AsTask().WaitAsync(Timeout));
            Assert.Equal(0, await responder.ReadAsync(received).AsTask().WaitAsync(Timeout));
        }
    }

    [Fact]
    public async Task Read_ZeroLengthMessage_IsRejectedAsShorterThanItsTag()
    {
        var (left, right) = InMemoryDuplex.CreatePair();
        var responding = NoiseSecurity.SecureInboundAsync(right, Ed25519PrivateKey.Generate(), [], CancellationToken.None);
        await NoiseSecurity.SecureOutboundAsync(left, Ed25519PrivateKey.Generate(), null, [], CancellationToken.None).WaitAsync(Timeout);
        using var responder = await responding.WaitAsync(Timeout);

        await left.WriteAsync(new byte[] { 0, 0 }); // the length prefix alone, and nothing after it

        var refused = await Assert.ThrowsAsync<Libp2pProtocolException>(() => responder.ReadAsync(new byte[10]).AsTask().WaitAsync(Timeout));
        Assert.Contains("0-byte Noise message is shorter than its authentication tag", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_ClosesTheTransport_AndLaterUseIsRefused()
    {
        var (initiator, responder) = await NoiseTests.ConnectAsync();
        using (responder)
        {
            initiator.Dispose();
            initiator.Dispose(); // a second dispose is harmless

            Assert.Equal(0, await responder.ReadAsync(new byte[1]).AsTask().WaitAsync(Timeout));
            await Assert.ThrowsAsync<ObjectDisposedException>(() => initiator.ReadAsync(new byte[1]).AsTask());
            await Assert.ThrowsAsync<ObjectDisposedException>(() => initiator.WriteAsync(new byte[1]).AsTask());
            await Assert.ThrowsAsync<ObjectDisposedException>(() => initiator.WriteAsync([new byte[1]]).AsTask());
        }
    }

    [Fact]
    public async Task GatherWrite_NullPieceList_IsRefused()
    {
        var (initiator, responder) = await NoiseTests.ConnectAsync();
        using (initiator)
        using (responder)
        {
            var refused = await Assert.ThrowsAsync<ArgumentNullException>(() => initiator.WriteAsync((IReadOnlyList<ReadOnlyMemory<byte>>)null!).AsTask());
            Assert.Equal("pieces", refused.ParamName);
        }
    }
}
