using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using DePinGpu.Libp2p.Identity;
using NSec.Cryptography;
using PublicKey = DePinGpu.Libp2p.Identity.PublicKey;

namespace DePinGpu.Libp2p.Noise;

/// <summary>
/// The Noise XX handshake with the libp2p payload (specs <c>noise/README.md</c>): empty prologue, a fresh X25519
/// static key per connection, the identity signature over <c>"noise-libp2p-static-key:" ‖ static key</c>.
/// </summary>
internal sealed class NoiseHandshake : IDisposable
{
    private const int KeyLength = 32;
    private static readonly byte[] SignaturePrefix = Encoding.ASCII.GetBytes("noise-libp2p-static-key:");

    private readonly Stream _transport;
    private readonly PrivateKey _identity;
    private readonly IReadOnlyList<string> _localMuxers;
    private readonly NoiseSymmetricState _state = new();
    // libsodium keys: X25519 there is several times faster than BouncyCastle's, and every dial does five operations.
    private readonly Key _staticPrivate;
    private readonly byte[] _staticPublic;
    private Key? _ephemeralPrivate;
    private byte[] _ephemeralPublic = [];
    private byte[] _remoteEphemeral = [];
    private byte[] _remoteStatic = [];

    public NoiseHandshake(Stream transport, PrivateKey identity, IReadOnlyList<string> localMuxers)
    {
        _transport = transport;
        _identity = identity;
        _localMuxers = localMuxers;
        (_staticPrivate, _staticPublic) = GenerateKeyPair();
        _state.MixHash(ReadOnlySpan<byte>.Empty); // the empty prologue is still mixed in
    }

    /// <summary>Runs XX as initiator; checks the responder against <paramref name="expectedRemote"/> when given.</summary>
    public async Task<NoiseSecureStream> InitiateAsync(PeerId? expectedRemote, CancellationToken cancellationToken)
    {
        (_ephemeralPrivate, _ephemeralPublic) = GenerateKeyPair();
        _state.MixHash(_ephemeralPublic);
        var messageA = Concat(_ephemeralPublic, _state.EncryptAndHash(ReadOnlySpan<byte>.Empty));
        await WriteFrameAsync(messageA, cancellationToken).ConfigureAwait(false);

        var messageB = await ReadFrameAsync(cancellationToken).ConfigureAwait(false);
        RequireLength(messageB, KeyLength + KeyLength + NoiseCipherState.TagLength + NoiseCipherState.TagLength, "second");
        _remoteEphemeral = messageB[..KeyLength];
        _state.MixHash(_remoteEphemeral);
        _state.MixKey(Agree(_ephemeralPrivate!, _remoteEphemeral));
        _remoteStatic = _state.DecryptAndHash(messageB.AsSpan(KeyLength, KeyLength + NoiseCipherState.TagLength));
        _state.MixKey(Agree(_ephemeralPrivate!, _remoteStatic));
        var remotePayload = _state.DecryptAndHash(messageB.AsSpan(KeyLength + KeyLength + NoiseCipherState.TagLength));
        var (remoteKey, remoteMuxers) = VerifyPayload(remotePayload, expectedRemote);

        var encryptedStatic = _state.EncryptAndHash(_staticPublic);
        _state.MixKey(Agree(_staticPrivate, _remoteEphemeral));
        var messageC = Concat(encryptedStatic, _state.EncryptAndHash(CreatePayload()));
        await WriteFrameAsync(messageC, cancellationToken).ConfigureAwait(false);

        var (sending, receiving) = _state.Split();
        return new NoiseSecureStream(_transport, sending, receiving, remoteKey, remoteMuxers);
    }

    /// <summary>Runs XX as responder.</summary>
    public async Task<NoiseSecureStream> RespondAsync(CancellationToken cancellationToken)
    {
        var messageA = await ReadFrameAsync(cancellationToken).ConfigureAwait(false);
        RequireLength(messageA, KeyLength, "first");
        _remoteEphemeral = messageA[..KeyLength];
        _state.MixHash(_remoteEphemeral);
        _state.DecryptAndHash(messageA.AsSpan(KeyLength));

        (_ephemeralPrivate, _ephemeralPublic) = GenerateKeyPair();
        _state.MixHash(_ephemeralPublic);
        _state.MixKey(Agree(_ephemeralPrivate!, _remoteEphemeral));
        var encryptedStatic = _state.EncryptAndHash(_staticPublic);
        _state.MixKey(Agree(_staticPrivate, _remoteEphemeral));
        var messageB = Concat(Concat(_ephemeralPublic, encryptedStatic), _state.EncryptAndHash(CreatePayload()));
        await WriteFrameAsync(messageB, cancellationToken).ConfigureAwait(false);

        var messageC = await ReadFrameAsync(cancellationToken).ConfigureAwait(false);
        RequireLength(messageC, KeyLength + NoiseCipherState.TagLength + NoiseCipherState.TagLength, "third");
        _remoteStatic = _state.DecryptAndHash(messageC.AsSpan(0, KeyLength + NoiseCipherState.TagLength));
        _state.MixKey(Agree(_ephemeralPrivate!, _remoteStatic));
        var remotePayload = _state.DecryptAndHash(messageC.AsSpan(KeyLength + NoiseCipherState.TagLength));
        var (remoteKey, remoteMuxers) = VerifyPayload(remotePayload, expectedRemote: null);

        var (receiving, sending) = _state.Split();
        return new NoiseSecureStream(_transport, sending, receiving, remoteKey, remoteMuxers);
    }

    public void Dispose()
    {
        _state.Dispose();
        _staticPrivate.Dispose();
        _ephemeralPrivate?.Dispose();
    }

    private byte[] CreatePayload()
    {
        var signature = _identity.Sign(Concat(SignaturePrefix, _staticPublic));
        return new NoiseHandshakePayload(_identity.PublicKey.ToProtobuf(), signature, _localMuxers).Encode();
    }

    private (PublicKey Key, IReadOnlyList<string> Muxers) VerifyPayload(byte[] payloadBytes, PeerId? expectedRemote)
    {
        NoiseHandshakePayload payload;
        PublicKey remoteKey;
        try
        {
            payload = NoiseHandshakePayload.Decode(payloadBytes);
            remoteKey = PublicKey.FromProtobuf(payload.IdentityKey);
        }
        catch (FormatException exception)
        {
            throw new Libp2pProtocolException($"The remote Noise payload is malformed: {exception.Message}", exception);
        }

        if (!remoteKey.Verify(Concat(SignaturePrefix, _remoteStatic), payload.IdentitySignature))
        {
            throw new Libp2pProtocolException("The remote's signature over its Noise static key is invalid.");
        }

        var remotePeer = remoteKey.ToPeerId();
        if (expectedRemote is not null && remotePeer != expectedRemote)
        {
            throw new Libp2pProtocolException($"Dialled {expectedRemote} but the remote authenticated as {remotePeer}.");
        }

        return (remoteKey, payload.StreamMuxers);
    }

    private async Task WriteFrameAsync(byte[] message, CancellationToken cancellationToken)
    {
        var frame = new byte[2 + message.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, checked((ushort)message.Length));
        message.CopyTo(frame, 2);
        await _transport.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        await _transport.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<byte[]> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var prefix = new byte[2];
        await _transport.ReadExactlyAsync(prefix, cancellationToken).ConfigureAwait(false);
        var length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
        var message = new byte[length];
        await _transport.ReadExactlyAsync(message, cancellationToken).ConfigureAwait(false);
        return message;
    }

    private static void RequireLength(byte[] message, int minimum, string which)
    {
        if (message.Length < minimum)
        {
            throw new Libp2pProtocolException($"The {which} Noise handshake message is {message.Length} bytes; at least {minimum} are required.");
        }
    }

    private static (Key PrivateKey, byte[] PublicKey) GenerateKeyPair()
    {
        var key = Key.Create(KeyAgreementAlgorithm.X25519);
        return (key, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    private static byte[] Agree(Key privateKey, byte[] remotePublic)
    {
        // Like RFC 7748 (and BouncyCastle before), the import ignores the top bit of the remote u-coordinate.
        var remote = NSec.Cryptography.PublicKey.Import(KeyAgreementAlgorithm.X25519, remotePublic, KeyBlobFormat.RawPublicKey);

        // Noise mixes the raw DH output into its chaining key, so the shared secret must be exportable.
        var parameters = new SharedSecretCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };

        // libsodium refuses a low-order remote point (the all-zero result BouncyCastle refused); NSec returns null.
        using var shared = KeyAgreementAlgorithm.X25519.Agree(privateKey, remote, parameters)
            ?? throw new Libp2pProtocolException("The remote Noise key is a low-order point (all-zero shared secret).");
        return shared.Export(SharedSecretBlobFormat.RawSharedSecret);
    }

    private static byte[] Concat(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var result = new byte[first.Length + second.Length];
        first.CopyTo(result);
        second.CopyTo(result.AsSpan(first.Length));
        return result;
    }
}
