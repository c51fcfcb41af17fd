using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using DePinGpu.Libp2p.Noise;
using Org.BouncyCastle.Crypto.Parameters;
using BouncyChaCha = Org.BouncyCastle.Crypto.Modes.ChaCha20Poly1305;

namespace DePinGpu.Libp2p.Tests.Noise;

/// <summary>
/// The BouncyCastle path of <see cref="NoiseCipherState"/> (taken where the platform has no ChaCha20-Poly1305) and the
/// end of its nonce space. Neither is reachable from the public constructor on this platform (OpenSSL has the cipher;
/// 2^64 messages are out of reach), so each test builds the state the constructor would have built there, by setting
/// its private fields, and then runs the real code. The platform cipher is the independent reference: both paths must
/// produce the same bytes, so a connection between a fallback peer and a platform peer works.
/// </summary>
public sealed class NoiseCipherFallbackTests
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(value => (byte)(0x40 + value)).ToArray();
    private static readonly byte[] AssociatedData = "handshake hash"u8.ToArray();

    [Fact]
    public void Fallback_EncryptsTheSameBytesAsThePlatform_AtEachCounter()
    {
        using var platform = new NoiseCipherState(Key);
        using var fallback = CreateFallback(Key);

        foreach (var length in new[] { 0, 1, 64, 1000 })
        {
            var plaintext = RandomNumberGenerator.GetBytes(length);
            var expected = new byte[length + NoiseCipherState.TagLength];
            var actual = new byte[length + NoiseCipherState.TagLength + 5];
            platform.Encrypt(AssociatedData, plaintext, expected);
            fallback.Encrypt(AssociatedData, plaintext, actual);

            Assert.Equal(expected, actual[..expected.Length]);
            Assert.Equal(new byte[5], actual[expected.Length..]);
        }
    }

    [Fact]
    public void Fallback_OpensThePlatformsMessagesInOrder_InPlace()
    {
        using var platform = new NoiseCipherState(Key);
        using var fallback = CreateFallback(Key);

        foreach (var text in new[] { "first", "second message", "" })
        {
            var plaintext = System.Text.Encoding.ASCII.GetBytes(text);
            var frame = new byte[plaintext.Length + NoiseCipherState.TagLength];
            platform.Encrypt(AssociatedData, plaintext, frame);

            Assert.True(fallback.TryDecrypt(AssociatedData, frame, frame));
            Assert.Equal(plaintext, frame[..plaintext.Length]);
        }
    }

    [Fact]
    public void Fallback_ForgedTagOrOtherAssociatedData_IsRefusedAndLeavesTheDestinationAlone()
    {
        using var platform = new NoiseCipherState(Key);
        var frame = new byte[10 + NoiseCipherState.TagLength];
        platform.Encrypt(AssociatedData, new byte[10], frame);
        var forged = frame.ToArray();
        forged[^1] ^= 1;

        using var forgedReceiver = CreateFallback(Key);
        using var otherDataReceiver = CreateFallback(Key);
        var destination = Enumerable.Repeat((byte)0xEE, 10).ToArray();

        Assert.False(forgedReceiver.TryDecrypt(AssociatedData, forged, destination));
        Assert.False(otherDataReceiver.TryDecrypt("other"u8, frame, destination));
        Assert.False(forgedReceiver.TryDecrypt(AssociatedData, new byte[NoiseCipherState.TagLength - 1], destination));
        Assert.Equal(Enumerable.Repeat((byte)0xEE, 10).ToArray(), destination);
    }

    [Fact]
    public void LastNonce_IsUsedOnce_ThenEveryMessageIsRefused()
    {
        // Noise §5.1: the nonce 2^64 - 1 is reserved, so the last usable one is 2^64 - 2.
        using var sender = new NoiseCipherState(Key);
        using var receiver = new NoiseCipherState(Key);
        SetNonce(sender, ulong.MaxValue - 1);
        SetNonce(receiver, ulong.MaxValue - 1);
        var frame = new byte[3 + NoiseCipherState.TagLength];

        sender.Encrypt(AssociatedData, "end"u8, frame);
        Assert.True(receiver.TryDecrypt(AssociatedData, frame, new byte[3]));

        var sending = Assert.Throws<Libp2pProtocolException>(() => sender.Encrypt(AssociatedData, "end"u8, frame));
        var receiving = Assert.Throws<Libp2pProtocolException>(() => receiver.TryDecrypt(AssociatedData, frame, new byte[3]));
        Assert.Contains("nonce space is exhausted", sending.Message, StringComparison.Ordinal);
        Assert.Contains("nonce space is exhausted", receiving.Message, StringComparison.Ordinal);
    }

    /// <summary>The state the constructor builds where <c>ChaCha20Poly1305.IsSupported</c> is false.</summary>
    private static NoiseCipherState CreateFallback(byte[] key)
    {
        var state = (NoiseCipherState)RuntimeHelpers.GetUninitializedObject(typeof(NoiseCipherState));
        Field("_fallback").SetValue(state, new BouncyChaCha());
        Field("_fallbackKey").SetValue(state, new KeyParameter(key));
        return state;
    }

    private static void SetNonce(NoiseCipherState state, ulong nonce) => Field("_nonce").SetValue(state, nonce);

    private static FieldInfo Field(string name) =>
        typeof(NoiseCipherState).GetField(name, BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException($"NoiseCipherState has no field {name}; update this test with the class.");
}
