using System.Security.Cryptography;
using System.Text;

namespace DePinGpu.Libp2p.Noise;

/// <summary>
/// The Noise SymmetricState for <c>Noise_XX_25519_ChaChaPoly_SHA256</c>: chaining key, handshake hash and the
/// current handshake cipher. The protocol name is exactly 32 bytes, so it is used as h directly (not hashed).
/// </summary>
internal sealed class NoiseSymmetricState : IDisposable
{
    public const string ProtocolName = "Noise_XX_25519_ChaChaPoly_SHA256";

    private readonly byte[] _chainingKey = new byte[32];
    private readonly byte[] _hash = new byte[32];
    private NoiseCipherState? _cipher;

    public NoiseSymmetricState()
    {
        Encoding.ASCII.GetBytes(ProtocolName, _hash);
        _hash.CopyTo(_chainingKey, 0);
    }

    public bool HasKey => _cipher is not null;

    public ReadOnlySpan<byte> HandshakeHash => _hash;

    public void MixHash(ReadOnlySpan<byte> data)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(_hash);
        sha.AppendData(data);
        sha.GetHashAndReset(_hash);
    }

    public void MixKey(ReadOnlySpan<byte> inputKeyMaterial)
    {
        Span<byte> output = stackalloc byte[64];
        Hkdf(_chainingKey, inputKeyMaterial, output);
        output[..32].CopyTo(_chainingKey);
        _cipher?.Dispose();
        _cipher = new NoiseCipherState(output[32..]);
        CryptographicOperations.ZeroMemory(output);
    }

    /// <summary>Encrypts (when keyed) and mixes the result into h; returns the bytes to send.</summary>
    public byte[] EncryptAndHash(ReadOnlySpan<byte> plaintext)
    {
        byte[] output;
        if (_cipher is null)
        {
            output = plaintext.ToArray();
        }
        else
        {
            output = new byte[plaintext.Length + NoiseCipherState.TagLength];
            _cipher.Encrypt(_hash, plaintext, output);
        }

        MixHash(output);
        return output;
    }

    /// <summary>Decrypts (when keyed) and mixes the ciphertext into h; throws on authentication failure.</summary>
    public byte[] DecryptAndHash(ReadOnlySpan<byte> ciphertext)
    {
        byte[] plaintext;
        if (_cipher is null)
        {
            plaintext = ciphertext.ToArray();
        }
        else
        {
            if (ciphertext.Length < NoiseCipherState.TagLength)
            {
                throw new Libp2pProtocolException("A Noise handshake field is shorter than its authentication tag.");
            }

            plaintext = new byte[ciphertext.Length - NoiseCipherState.TagLength];
            if (!_cipher.TryDecrypt(_hash, ciphertext, plaintext))
            {
                throw new Libp2pProtocolException("A Noise handshake message failed authentication.");
            }
        }

        MixHash(ciphertext);
        return plaintext;
    }

    /// <summary>Derives the two transport ciphers: the first encrypts initiator→responder.</summary>
    public (NoiseCipherState InitiatorToResponder, NoiseCipherState ResponderToInitiator) Split()
    {
        Span<byte> output = stackalloc byte[64];
        Hkdf(_chainingKey, ReadOnlySpan<byte>.Empty, output);
        var result = (new NoiseCipherState(output[..32]), new NoiseCipherState(output[32..]));
        CryptographicOperations.ZeroMemory(output);
        return result;
    }

    /// <summary>
    /// Noise's HKDF with two outputs (RFC 5869, salt = chaining key, empty info). Written with HMAC directly
    /// because the platform HKDF rejects the empty input key material that Split() uses.
    /// </summary>
    private static void Hkdf(ReadOnlySpan<byte> chainingKey, ReadOnlySpan<byte> inputKeyMaterial, Span<byte> output)
    {
        Span<byte> tempKey = stackalloc byte[32];
        Span<byte> block = stackalloc byte[33];
        HMACSHA256.HashData(chainingKey, inputKeyMaterial, tempKey);
        block[0] = 1;
        HMACSHA256.HashData(tempKey, block[..1], output[..32]);
        output[..32].CopyTo(block);
        block[32] = 2;
        HMACSHA256.HashData(tempKey, block, output[32..64]);
        CryptographicOperations.ZeroMemory(tempKey);
    }

    public void Dispose()
    {
        _cipher?.Dispose();
        CryptographicOperations.ZeroMemory(_chainingKey);
    }
}
