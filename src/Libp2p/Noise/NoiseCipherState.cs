using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using BouncyChaCha = Org.BouncyCastle.Crypto.Modes.ChaCha20Poly1305;

namespace DePinGpu.Libp2p.Noise;

/// <summary>
/// A Noise CipherState for ChaChaPoly: a 32-byte key and a 64-bit counter, with the nonce
/// <c>0x00000000 ‖ counter (little-endian)</c>. Uses the platform's ChaCha20-Poly1305 where available and
/// BouncyCastle otherwise. Not thread-safe: one direction of one connection owns it.
/// </summary>
internal sealed class NoiseCipherState : IDisposable
{
    public const int TagLength = 16;

    private readonly ChaCha20Poly1305? _platform;
    private readonly BouncyChaCha? _fallback;
    private readonly KeyParameter? _fallbackKey;
    private ulong _nonce;

    public NoiseCipherState(ReadOnlySpan<byte> key)
    {
        if (ChaCha20Poly1305.IsSupported)
        {
            _platform = new ChaCha20Poly1305(key);
        }
        else
        {
            _fallback = new BouncyChaCha();
            _fallbackKey = new KeyParameter(key);
        }
    }

    /// <summary>Encrypts <paramref name="plaintext"/> into <paramref name="destination"/> (ciphertext then tag).</summary>
    public void Encrypt(ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        Span<byte> nonce = stackalloc byte[12];
        NextNonce(nonce);
        var ciphertext = destination[..plaintext.Length];
        var tag = destination.Slice(plaintext.Length, TagLength);
        if (_platform is not null)
        {
            _platform.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
            return;
        }

        RunFallback(forEncryption: true, nonce, associatedData, plaintext, destination[..(plaintext.Length + TagLength)]);
    }

    /// <summary>
    /// Decrypts <paramref name="ciphertextAndTag"/> into <paramref name="destination"/> (which may be the same
    /// memory); returns false when authentication fails.
    /// </summary>
    public bool TryDecrypt(ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertextAndTag, Span<byte> destination)
    {
        if (ciphertextAndTag.Length < TagLength)
        {
            return false;
        }

        Span<byte> nonce = stackalloc byte[12];
        NextNonce(nonce);
        var length = ciphertextAndTag.Length - TagLength;
        if (_platform is not null)
        {
            try
            {
                _platform.Decrypt(nonce, ciphertextAndTag[..length], ciphertextAndTag[length..], destination[..length], associatedData);
                return true;
            }
            catch (AuthenticationTagMismatchException)
            {
                // A forged or corrupted frame: the caller closes the connection.
                return false;
            }
        }

        try
        {
            RunFallback(forEncryption: false, nonce, associatedData, ciphertextAndTag, destination[..length]);
            return true;
        }
        catch (Org.BouncyCastle.Crypto.InvalidCipherTextException)
        {
            // Same as above, for the BouncyCastle path.
            return false;
        }
    }

    public void Dispose() => _platform?.Dispose();

    private void NextNonce(Span<byte> nonce)
    {
        if (_nonce == ulong.MaxValue)
        {
            throw new Libp2pProtocolException("The Noise nonce space is exhausted; the connection must be re-established.");
        }

        nonce[..4].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(nonce[4..], _nonce++);
    }

    private void RunFallback(bool forEncryption, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> input, Span<byte> output)
    {
        _fallback!.Init(forEncryption, new AeadParameters(_fallbackKey!, TagLength * 8, nonce.ToArray(), associatedData.ToArray()));
        var buffer = new byte[_fallback.GetOutputSize(input.Length)];
        var written = _fallback.ProcessBytes(input.ToArray(), 0, input.Length, buffer, 0);
        written += _fallback.DoFinal(buffer, written);
        buffer.AsSpan(0, written).CopyTo(output);
    }
}
