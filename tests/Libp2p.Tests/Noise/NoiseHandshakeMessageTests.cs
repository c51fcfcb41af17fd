using System.Buffers.Binary;
using System.Security.Cryptography;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Noise;
using DePinGpu.Libp2p.Tests.Support;

namespace DePinGpu.Libp2p.Tests.Noise;

/// <summary>
/// Handshake messages of the wrong size or with a low-order key, written by hand: each is refused with the failure that
/// names it, at the exact bounds (a message one byte too short, and one of exactly the smallest size).
/// </summary>
public sealed class NoiseHandshakeMessageTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Responder_FirstMessageShorterThanAKey_IsRefusedNamingItsLength()
    {
        var (dialer, ours) = InMemoryDuplex.CreatePair();
        var responding = NoiseSecurity.SecureInboundAsync(ours, Ed25519PrivateKey.Generate(), [], CancellationToken.None);

        await WriteFrameAsync(dialer, RandomNumberGenerator.GetBytes(31));

        var refused = await Assert.ThrowsAsync<Libp2pProtocolException>(() => responding.WaitAsync(Timeout));
        Assert.Contains("first Noise handshake message is 31 bytes; at least 32", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responder_FirstMessageWithALowOrderKey_IsRefused()
    {
        var (dialer, ours) = InMemoryDuplex.CreatePair();
        var responding = NoiseSecurity.SecureInboundAsync(ours, Ed25519PrivateKey.Generate(), [], CancellationToken.None);

        await WriteFrameAsync(dialer, new byte[32]); // u = 0: every shared secret with it is zero

        var refused = await Assert.ThrowsAsync<Libp2pProtocolException>(() => responding.WaitAsync(Timeout));
        Assert.Contains("low-order point", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(95, "second Noise handshake message is 95 bytes; at least 96")]
    [InlineData(96, "low-order point")] // the smallest size passes the length check and fails on the zero key in it
    public async Task Initiator_SecondMessageAtTheSizeBound_IsRefusedForItsLengthOrItsKey(int length, string expected)
    {
        var (ours, listener) = InMemoryDuplex.CreatePair();
        var initiating = NoiseSecurity.SecureOutboundAsync(ours, Ed25519PrivateKey.Generate(), null, [], CancellationToken.None);

        Assert.Equal(32, (await ReadFrameAsync(listener)).Length);
        await WriteFrameAsync(listener, new byte[length]);

        var refused = await Assert.ThrowsAsync<Libp2pProtocolException>(() => initiating.WaitAsync(Timeout));
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(63, "third Noise handshake message is 63 bytes; at least 64")]
    [InlineData(64, "failed authentication")] // the smallest size passes the length check and fails on its forged tag
    public async Task Responder_ThirdMessageAtTheSizeBound_IsRefusedForItsLengthOrItsTag(int length, string expected)
    {
        var (dialer, ours) = InMemoryDuplex.CreatePair();
        var responding = NoiseSecurity.SecureInboundAsync(ours, Ed25519PrivateKey.Generate(), [], CancellationToken.None);

        await WriteFrameAsync(dialer, RandomEphemeralKey());
        Assert.True((await ReadFrameAsync(dialer)).Length > 96);
        await WriteFrameAsync(dialer, RandomNumberGenerator.GetBytes(length));

        var refused = await Assert.ThrowsAsync<Libp2pProtocolException>(() => responding.WaitAsync(Timeout));
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secure_NullTransportOrIdentity_IsRefusedBeforeAnythingIsSent()
    {
        var (left, right) = InMemoryDuplex.CreatePair();
        var key = Ed25519PrivateKey.Generate();

        Assert.Equal("transport", (await Assert.ThrowsAsync<ArgumentNullException>(() => NoiseSecurity.SecureOutboundAsync(null!, key, null, [], CancellationToken.None).WaitAsync(Timeout))).ParamName);
        Assert.Equal("identity", (await Assert.ThrowsAsync<ArgumentNullException>(() => NoiseSecurity.SecureOutboundAsync(left, null!, null, [], CancellationToken.None).WaitAsync(Timeout))).ParamName);
        Assert.Equal("transport", (await Assert.ThrowsAsync<ArgumentNullException>(() => NoiseSecurity.SecureInboundAsync(null!, key, [], CancellationToken.None).WaitAsync(Timeout))).ParamName);
        Assert.Equal("identity", (await Assert.ThrowsAsync<ArgumentNullException>(() => NoiseSecurity.SecureInboundAsync(right, null!, [], CancellationToken.None).WaitAsync(Timeout))).ParamName);

        left.Dispose();
        Assert.Equal(0, await right.ReadAsync(new byte[1]).AsTask().WaitAsync(Timeout)); // nothing was written
    }

    /// <summary>A real X25519 public key (of a fresh private key), so the responder's key agreement with it succeeds.</summary>
    private static byte[] RandomEphemeralKey()
    {
        var key = new Org.BouncyCastle.Crypto.Parameters.X25519PrivateKeyParameters(new Org.BouncyCastle.Security.SecureRandom());
        return key.GeneratePublicKey().GetEncoded();
    }

    private static async Task WriteFrameAsync(Stream stream, byte[] message)
    {
        var frame = new byte[2 + message.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)message.Length);
        message.CopyTo(frame, 2);
        await stream.WriteAsync(frame);
        await stream.FlushAsync();
    }

    private static async Task<byte[]> ReadFrameAsync(Stream stream)
    {
        var prefix = new byte[2];
        await stream.ReadExactlyAsync(prefix).AsTask().WaitAsync(Timeout);
        var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        await stream.ReadExactlyAsync(message).AsTask().WaitAsync(Timeout);
        return message;
    }
}
