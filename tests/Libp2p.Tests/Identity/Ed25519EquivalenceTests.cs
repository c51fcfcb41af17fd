using System.Security.Cryptography;
using DePinGpu.Libp2p.Identity;
using Org.BouncyCastle.Math;
using BouncyEd25519 = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;

namespace DePinGpu.Libp2p.Tests.Identity;

/// <summary>
/// Ed25519 moved from BouncyCastle to libsodium (NSec) for speed. These tests keep BouncyCastle as the reference:
/// same keys and signatures byte for byte, and the same accept/reject decision for valid, malleated and edge-case
/// signatures, so interop does not change.
/// </summary>
public sealed class Ed25519EquivalenceTests
{
    [Fact]
    public void Ed25519_SignAndPublicKey_MatchBouncyCastleByteForByte()
    {
        var random = new Random(8032);
        for (var i = 0; i < 200; i++)
        {
            var seed = new byte[32];
            random.NextBytes(seed);
            var message = new byte[random.Next(0, 300)];
            random.NextBytes(message);

            var key = Ed25519PrivateKey.FromSeed(seed);
            var publicKey = new byte[32];
            BouncyEd25519.GeneratePublicKey(seed, 0, publicKey, 0);
            var signature = new byte[64];
            BouncyEd25519.Sign(seed, 0, message, 0, message.Length, signature, 0);
            Assert.Equal(publicKey, key.PublicKey.RawBytes.ToArray());
            Assert.Equal(signature, key.Sign(message));
        }
    }

    [Fact]
    public void Ed25519_Verify_AcceptsAndRejectsLikeBouncyCastle()
    {
        var message = "gossip"u8.ToArray();
        var seed = RandomNumberGenerator.GetBytes(32);
        var key = Ed25519PrivateKey.FromSeed(seed);
        var signature = key.Sign(message);

        // S + L: the same signature with a non-canonical scalar.
        var order = BigInteger.One.ShiftLeft(252).Add(new BigInteger("27742317777372353535851937790883648493"));
        var s = new BigInteger(1, signature[32..].Reverse().ToArray());
        var sPlusL = s.Add(order).ToByteArrayUnsigned().Reverse().ToArray();
        var nonCanonicalS = signature[..32].Concat(sPlusL).Concat(new byte[32 - sPlusL.Length]).ToArray();

        List<(byte[] PublicKey, byte[] Signature)> cases =
        [
            (key.PublicKey.RawBytes.ToArray(), signature),
            (key.PublicKey.RawBytes.ToArray(), nonCanonicalS),
            (key.PublicKey.RawBytes.ToArray(), [.. signature[..63], (byte)(signature[63] ^ 0x80)]),

            // R is the neutral element and S = k·a: valid under BouncyCastle's equation, rejected by libsodium's
            // small-order R check, so it exercises the BouncyCastle re-check.
            (key.PublicKey.RawBytes.ToArray(), NeutralRSignature(seed, key.PublicKey.RawBytes.ToArray(), message, order)),

            // Small-order key and R (the neutral element) with S = 0: the equation holds for every message.
            ([1, .. new byte[31]], [1, .. new byte[63]]),

            // Small-order key of order 2 (y = -1) with neutral R.
            ([0xEC, .. Enumerable.Repeat((byte)0xFF, 30), 0x7F], [1, .. new byte[63]]),
        ];
        foreach (var (publicKeyBytes, candidate) in cases)
        {
            if (!BouncyEd25519.ValidatePublicKeyPartial(publicKeyBytes, 0))
            {
                Assert.Throws<FormatException>(() => Ed25519PublicKey.FromBytes(publicKeyBytes));
                continue;
            }

            var expected = BouncyEd25519.Verify(candidate, 0, publicKeyBytes, 0, message, 0, message.Length);
            if (candidate[0] == 1 && candidate.AsSpan(1, 31).IndexOfAnyExcept((byte)0) < 0 && publicKeyBytes.SequenceEqual(key.PublicKey.RawBytes.ToArray()))
            {
                Assert.True(expected, "BouncyCastle accepts the neutral-R signature, so the fallback is exercised.");
            }

            Assert.Equal(expected, Ed25519PublicKey.FromBytes(publicKeyBytes).Verify(message, candidate));
        }
    }

    private static byte[] NeutralRSignature(byte[] seed, byte[] publicKey, byte[] message, BigInteger order)
    {
        byte[] neutral = [1, .. new byte[31]];
        var expanded = SHA512.HashData(seed)[..32];
        expanded[0] &= 248;
        expanded[31] &= 127;
        expanded[31] |= 64;
        var a = LittleEndian(expanded);
        var k = LittleEndian(SHA512.HashData([.. neutral, .. publicKey, .. message])).Mod(order);
        var s = k.Multiply(a).Mod(order).ToByteArrayUnsigned().Reverse().ToArray();
        return [.. neutral, .. s, .. new byte[32 - s.Length]];
    }

    private static BigInteger LittleEndian(byte[] bytes) => new(1, bytes.Reverse().ToArray());
}
