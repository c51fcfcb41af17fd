using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using DePinGpu.Libp2p.Noise;
using Org.BouncyCastle.Crypto.Parameters;
using BouncyChaCha = Org.BouncyCastle.Crypto.Modes.ChaCha20Poly1305;

namespace DePinGpu.Libp2p.Tests.Noise;

/// <summary>
/// The Noise cipher and symmetric states against an independent computation of the Noise specification (§5.1, §5.2,
/// §12.3): ChaChaPoly from BouncyCastle with the nonce 0x00000000 ‖ counter (little-endian), SHA-256 and the platform's
/// HKDF. Our own handshake tests run our code on both sides, so a change made to both sides (a counter that counts
/// down, swapped HKDF outputs) would pass them; these tests do not.
/// </summary>
public sealed class NoiseCipherVectorTests
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(value => (byte)(0x80 + value)).ToArray();
    private static readonly byte[] AssociatedData = Encoding.ASCII.GetBytes("associated data");

    [Fact]
    public void Encrypt_EachMessage_UsesTheNextCounterAsNonce()
    {
        using var cipher = new NoiseCipherState(Key);
        var plaintext = Encoding.ASCII.GetBytes("one Noise transport message");

        for (ulong counter = 0; counter <= 256; counter++)
        {
            var output = new byte[plaintext.Length + NoiseCipherState.TagLength];
            cipher.Encrypt(AssociatedData, plaintext, output);

            if (counter is 0 or 1 or 2 or 255 or 256)
            {
                Assert.Equal(ReferenceEncrypt(Key, counter, AssociatedData, plaintext), output);
            }
        }
    }

    [Fact]
    public void TryDecrypt_MessagesInCounterOrder_AreOpenedAndAnyOtherOrderIsNot()
    {
        var first = ReferenceEncrypt(Key, 0, AssociatedData, "first"u8.ToArray());
        var second = ReferenceEncrypt(Key, 1, AssociatedData, "second"u8.ToArray());
        using var receiver = new NoiseCipherState(Key);
        using var outOfOrder = new NoiseCipherState(Key);

        var destination = new byte[16];
        Assert.True(receiver.TryDecrypt(AssociatedData, first, destination));
        Assert.Equal("first"u8.ToArray(), destination[..5]);
        Assert.True(receiver.TryDecrypt(AssociatedData, second, destination));
        Assert.Equal("second"u8.ToArray(), destination[..6]);
        Assert.False(outOfOrder.TryDecrypt(AssociatedData, second, destination));
    }

    [Fact]
    public void TryDecrypt_OtherAssociatedData_IsNotOpened()
    {
        var message = ReferenceEncrypt(Key, 0, AssociatedData, "payload"u8.ToArray());
        using var receiver = new NoiseCipherState(Key);

        Assert.False(receiver.TryDecrypt("other"u8, message, new byte[message.Length]));
    }

    [Fact]
    public void TryDecrypt_TagOnly_OpensToNothingAndShorterIsRefusedWithoutUsingANonce()
    {
        using var receiver = new NoiseCipherState(Key);

        Assert.False(receiver.TryDecrypt(AssociatedData, new byte[NoiseCipherState.TagLength - 1], new byte[16]));
        Assert.True(receiver.TryDecrypt(AssociatedData, ReferenceEncrypt(Key, 0, AssociatedData, []), new byte[16]));
    }

    [Fact]
    public void SymmetricState_StartsFromTheProtocolNameAsHashAndChainingKey()
    {
        using var state = new NoiseSymmetricState();

        Assert.Equal(Encoding.ASCII.GetBytes("Noise_XX_25519_ChaChaPoly_SHA256"), state.HandshakeHash.ToArray());
        Assert.False(state.HasKey);
        var plaintext = "sent in clear before a key"u8.ToArray();
        Assert.Equal(plaintext, state.EncryptAndHash(plaintext));
        Assert.Equal(SHA256.HashData([.. Encoding.ASCII.GetBytes(NoiseSymmetricState.ProtocolName), .. plaintext]), state.HandshakeHash.ToArray());
    }

    [Fact]
    public void SymmetricState_MixKeyEncryptDecryptAndSplit_MatchTheSpecification()
    {
        var reference = new ReferenceSymmetricState();
        using var sender = new NoiseSymmetricState();
        using var receiver = new NoiseSymmetricState();
        var inputKeyMaterial = Enumerable.Range(1, 32).Select(value => (byte)value).ToArray();
        var prologue = "prologue"u8.ToArray();

        foreach (var state in new[] { sender, receiver })
        {
            state.MixHash(prologue);
            state.MixKey(inputKeyMaterial);
            Assert.True(state.HasKey);
        }

        reference.MixHash(prologue);
        reference.MixKey(inputKeyMaterial);

        var payload = "static key and payload"u8.ToArray();
        var expected = reference.EncryptAndHash(payload);
        Assert.Equal(expected, sender.EncryptAndHash(payload));
        Assert.Equal(payload, receiver.DecryptAndHash(expected));
        Assert.Equal(reference.Hash, sender.HandshakeHash.ToArray());
        Assert.Equal(reference.Hash, receiver.HandshakeHash.ToArray());

        var (initiatorToResponder, responderToInitiator) = sender.Split();
        var (firstKey, secondKey) = reference.Split();
        using (initiatorToResponder)
        using (responderToInitiator)
        {
            Assert.Equal(ReferenceEncrypt(firstKey, 0, [], payload), Encrypt(initiatorToResponder, payload));
            Assert.Equal(ReferenceEncrypt(secondKey, 0, [], payload), Encrypt(responderToInitiator, payload));
        }
    }

    [Fact]
    public void SymmetricState_KeyedFieldShorterThanItsTag_IsRefusedAndForgedOneFailsAuthentication()
    {
        using var state = new NoiseSymmetricState();
        state.MixKey(new byte[32]);

        var shortField = Assert.Throws<Libp2pProtocolException>(() => state.DecryptAndHash(new byte[NoiseCipherState.TagLength - 1]));
        var forged = Assert.Throws<Libp2pProtocolException>(() => state.DecryptAndHash(new byte[NoiseCipherState.TagLength]));

        Assert.Contains("shorter than its authentication tag", shortField.Message, StringComparison.Ordinal);
        Assert.Contains("failed authentication", forged.Message, StringComparison.Ordinal);
    }

    private static byte[] Encrypt(NoiseCipherState cipher, byte[] plaintext)
    {
        var output = new byte[plaintext.Length + NoiseCipherState.TagLength];
        cipher.Encrypt([], plaintext, output);
        return output;
    }

    private static byte[] ReferenceEncrypt(byte[] key, ulong counter, byte[] associatedData, byte[] plaintext)
    {
        var nonce = new byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(nonce.AsSpan(4), counter);
        var aead = new BouncyChaCha();
        aead.Init(true, new AeadParameters(new KeyParameter(key), 128, nonce, associatedData));
        var output = new byte[aead.GetOutputSize(plaintext.Length)];
        var written = aead.ProcessBytes(plaintext, 0, plaintext.Length, output, 0);
        aead.DoFinal(output, written);
        return output;
    }

    /// <summary>Noise §5.2 written from the specification with the platform's HKDF (RFC 5869).</summary>
    private sealed class ReferenceSymmetricState
    {
        private byte[] _chainingKey = Encoding.ASCII.GetBytes(NoiseSymmetricState.ProtocolName);
        private byte[]? _key;

        public byte[] Hash { get; private set; } = Encoding.ASCII.GetBytes(NoiseSymmetricState.ProtocolName);

        public void MixHash(byte[] data) => Hash = SHA256.HashData([.. Hash, .. data]);

        public void MixKey(byte[] inputKeyMaterial) => (_chainingKey, _key) = DeriveTwo(inputKeyMaterial);

        public byte[] EncryptAndHash(byte[] plaintext)
        {
            var ciphertext = ReferenceEncrypt(_key!, 0, Hash, plaintext);
            MixHash(ciphertext);
            return ciphertext;
        }

        public (byte[] First, byte[] Second) Split() => DeriveTwo([]);

        private (byte[] First, byte[] Second) DeriveTwo(byte[] inputKeyMaterial)
        {
            var pseudoRandomKey = HMACSHA256.HashData(_chainingKey, inputKeyMaterial);
            var output = new byte[64];
            HKDF.Expand(HashAlgorithmName.SHA256, pseudoRandomKey, output, []);
            return (output[..32], output[32..]);
        }
    }
}
