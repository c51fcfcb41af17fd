using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using DePinGpu.Libp2p.Identity;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using BouncyChaCha = Org.BouncyCastle.Crypto.Modes.ChaCha20Poly1305;

namespace DePinGpu.Libp2p.Tests.Noise;

/// <summary>
/// A Noise XX peer written from the Noise specification (§5, §7.5) and the libp2p noise specification, sharing no
/// code with <c>src/Libp2p/Noise</c>: BouncyCastle's X25519 and ChaChaPoly, SHA-256, HKDF from HMAC, the handshake
/// payload encoded and parsed by hand. Our handshake tests otherwise run our code on both sides, so a change made to
/// both sides (another prologue, signature prefix or payload field, swapped transport keys) would pass them.
/// </summary>
internal sealed class ReferenceNoisePeer
{
    public static readonly byte[] SignaturePrefix = Encoding.ASCII.GetBytes("noise-libp2p-static-key:");

    private readonly Stream _transport;
    private readonly PrivateKey _identity;
    private readonly X25519PrivateKeyParameters _static = new(new SecureRandom());
    private readonly X25519PrivateKeyParameters _ephemeral = new(new SecureRandom());
    private byte[] _hash = Encoding.ASCII.GetBytes("Noise_XX_25519_ChaChaPoly_SHA256");
    private byte[] _chainingKey = Encoding.ASCII.GetBytes("Noise_XX_25519_ChaChaPoly_SHA256");
    private byte[]? _handshakeKey;
    private ulong _handshakeCounter;
    private byte[] _sendingKey = [];
    private byte[] _receivingKey = [];
    private ulong _sendingCounter;
    private ulong _receivingCounter;

    public ReferenceNoisePeer(Stream transport, PrivateKey identity)
    {
        _transport = transport;
        _identity = identity;
        MixHash([]); // the empty prologue
    }

    /// <summary>Extension fields (field 4 of the payload) to send: already encoded protobuf, or empty for none.</summary>
    public byte[] Extensions { get; init; } = [];

    /// <summary>The remote's Noise static key, as received.</summary>
    public byte[] RemoteStatic { get; private set; } = [];

    /// <summary>The remote's payload fields: number → values in order.</summary>
    public Dictionary<int, List<byte[]>> RemotePayload { get; private set; } = [];

    /// <summary>Every message this peer received, length prefix removed, in order.</summary>
    public List<byte[]> ReceivedMessages { get; } = [];

    public async Task InitiateAsync()
    {
        var ephemeralPublic = _ephemeral.GeneratePublicKey().GetEncoded();
        MixHash(ephemeralPublic);
        MixHash([]); // the empty first payload, sent in clear
        await WriteFrameAsync(ephemeralPublic);

        var second = await ReadFrameAsync();
        var remoteEphemeral = second[..32];
        MixHash(remoteEphemeral);
        MixKey(Agree(_ephemeral, remoteEphemeral));
        RemoteStatic = DecryptAndHash(second[32..80]);
        MixKey(Agree(_ephemeral, RemoteStatic));
        RemotePayload = ParseFields(DecryptAndHash(second[80..]));

        var encryptedStatic = EncryptAndHash(_static.GeneratePublicKey().GetEncoded());
        MixKey(Agree(_static, remoteEphemeral));
        await WriteFrameAsync([.. encryptedStatic, .. EncryptAndHash(CreatePayload())]);
        (_sendingKey, _receivingKey) = Split();
    }

    public async Task RespondAsync()
    {
        var first = await ReadFrameAsync();
        var remoteEphemeral = first[..32];
        MixHash(remoteEphemeral);
        MixHash(first[32..]);

        var ephemeralPublic = _ephemeral.GeneratePublicKey().GetEncoded();
        MixHash(ephemeralPublic);
        MixKey(Agree(_ephemeral, remoteEphemeral));
        var encryptedStatic = EncryptAndHash(_static.GeneratePublicKey().GetEncoded());
        MixKey(Agree(_static, remoteEphemeral));
        await WriteFrameAsync([.. ephemeralPublic, .. encryptedStatic, .. EncryptAndHash(CreatePayload())]);

        var third = await ReadFrameAsync();
        RemoteStatic = DecryptAndHash(third[..48]);
        MixKey(Agree(_ephemeral, RemoteStatic));
        RemotePayload = ParseFields(DecryptAndHash(third[48..]));
        (_receivingKey, _sendingKey) = Split();
    }

    /// <summary>Sends one transport message with the next sending nonce.</summary>
    public Task SendAsync(byte[] plaintext) => WriteFrameAsync(Seal(_sendingKey, _sendingCounter++, [], plaintext));

    /// <summary>Receives one transport message with the next receiving nonce.</summary>
    public async Task<byte[]> ReceiveAsync() => Open(_receivingKey, _receivingCounter++, [], await ReadFrameAsync());

    /// <summary>Parses protobuf length-delimited fields (the only wire type the payload uses) by hand.</summary>
    public static Dictionary<int, List<byte[]>> ParseFields(byte[] encoded)
    {
        var fields = new Dictionary<int, List<byte[]>>();
        var position = 0;
        while (position < encoded.Length)
        {
            var tag = (int)ReadVarint(encoded, ref position);
            if ((tag & 7) != 2)
            {
                throw new FormatException($"wire type {tag & 7} in a Noise payload");
            }

            var length = (int)ReadVarint(encoded, ref position);
            if (!fields.TryGetValue(tag >> 3, out var values))
            {
                values = [];
                fields[tag >> 3] = values;
            }

            values.Add(encoded[position..(position + length)]);
            position += length;
        }

        return fields;
    }

    /// <summary>A length-delimited protobuf field.</summary>
    public static byte[] Field(int number, byte[] value) => [.. Varint((ulong)((number << 3) | 2)), .. Varint((ulong)value.Length), .. value];

    private byte[] CreatePayload()
    {
        var signature = _identity.Sign([.. SignaturePrefix, .. _static.GeneratePublicKey().GetEncoded()]);
        byte[] payload = [.. Field(1, _identity.PublicKey.ToProtobuf()), .. Field(2, signature)];
        return Extensions.Length == 0 ? payload : [.. payload, .. Field(4, Extensions)];
    }

    private void MixHash(byte[] data) => _hash = SHA256.HashData([.. _hash, .. data]);

    private void MixKey(byte[] inputKeyMaterial)
    {
        (_chainingKey, _handshakeKey) = DeriveTwo(inputKeyMaterial);
        _handshakeCounter = 0;
    }

    private (byte[] First, byte[] Second) Split() => DeriveTwo([]);

    private (byte[] First, byte[] Second) DeriveTwo(byte[] inputKeyMaterial)
    {
        var tempKey = HMACSHA256.HashData(_chainingKey, inputKeyMaterial);
        var first = HMACSHA256.HashData(tempKey, new byte[] { 1 });
        var second = HMACSHA256.HashData(tempKey, first.Append((byte)2).ToArray());
        return (first, second);
    }

    private byte[] EncryptAndHash(byte[] plaintext)
    {
        var ciphertext = Seal(_handshakeKey!, _handshakeCounter++, _hash, plaintext);
        MixHash(ciphertext);
        return ciphertext;
    }

    private byte[] DecryptAndHash(byte[] ciphertext)
    {
        var plaintext = Open(_handshakeKey!, _handshakeCounter++, _hash, ciphertext);
        MixHash(ciphertext);
        return plaintext;
    }

    private static byte[] Seal(byte[] key, ulong counter, byte[] associatedData, byte[] plaintext) => RunCipher(true, key, counter, associatedData, plaintext);

    private static byte[] Open(byte[] key, ulong counter, byte[] associatedData, byte[] ciphertext) => RunCipher(false, key, counter, associatedData, ciphertext);

    private static byte[] RunCipher(bool encrypt, byte[] key, ulong counter, byte[] associatedData, byte[] input)
    {
        var nonce = new byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(nonce.AsSpan(4), counter);
        var aead = new BouncyChaCha();
        aead.Init(encrypt, new AeadParameters(new KeyParameter(key), 128, nonce, associatedData));
        var output = new byte[aead.GetOutputSize(input.Length)];
        var written = aead.ProcessBytes(input, 0, input.Length, output, 0);
        written += aead.DoFinal(output, written);
        return output[..written];
    }

    private static byte[] Agree(X25519PrivateKeyParameters privateKey, byte[] remotePublic)
    {
        var agreement = new X25519Agreement();
        agreement.Init(privateKey);
        var secret = new byte[agreement.AgreementSize];
        agreement.CalculateAgreement(new X25519PublicKeyParameters(remotePublic, 0), secret, 0);
        return secret;
    }

    private async Task WriteFrameAsync(byte[] message)
    {
        var frame = new byte[2 + message.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)message.Length);
        message.CopyTo(frame, 2);
        await _transport.WriteAsync(frame);
        await _transport.FlushAsync();
    }

    private async Task<byte[]> ReadFrameAsync()
    {
        var prefix = new byte[2];
        await _transport.ReadExactlyAsync(prefix);
        var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        await _transport.ReadExactlyAsync(message);
        ReceivedMessages.Add(message);
        return message;
    }

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        for (; value >= 0x80; value >>= 7)
        {
            bytes.Add((byte)(value | 0x80));
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }

    private static ulong ReadVarint(byte[] encoded, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var current = encoded[position++];
            value |= (ulong)(current & 0x7F) << shift;
            if (current < 0x80)
            {
                return value;
            }
        }
    }
}
