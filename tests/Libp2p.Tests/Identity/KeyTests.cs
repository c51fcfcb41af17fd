using System.Text;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Tests.Vectors;
using Org.BouncyCastle.Math;

namespace DePinGpu.Libp2p.Tests.Identity;

public sealed class KeyTests
{
    private static readonly byte[] JsSecp256k1Scalar = Convert.FromHexString("0101010101010101010101010101010101010101010101010101010101010101");

    [Fact]
    public void Ed25519_SeedVector_GivesProtobufsAndPeerId()
    {
        var key = Ed25519PrivateKey.FromSeed(Libp2pVectors.Hex("seed_ed25519", "seedHex"));

        Assert.Equal(Libp2pVectors.Text("seed_ed25519", "privateKeyProtobufHex"), Convert.ToHexStringLower(key.ToProtobuf()));
        Assert.Equal(Libp2pVectors.Text("seed_ed25519", "publicKeyProtobufHex"), Convert.ToHexStringLower(key.PublicKey.ToProtobuf()));
        Assert.Equal(Libp2pVectors.Text("seed_ed25519", "peerId"), key.PeerId.ToString());
    }

    [Fact]
    public void Ed25519_PrivateProtobuf_RoundTripsIncludingLegacy96ByteForm()
    {
        var protobuf = Libp2pVectors.Hex("seed_ed25519", "privateKeyProtobufHex");
        var key = PrivateKey.FromProtobuf(protobuf);
        Assert.Equal(protobuf, key.ToProtobuf());

        var data = protobuf[4..];
        var legacy = new byte[] { 0x08, 0x01, 0x12, 0x60 }.Concat(data).Concat(data[32..]).ToArray();
        Assert.Equal(key.PeerId, PrivateKey.FromProtobuf(legacy).PeerId);
    }

    [Fact]
    public void Ed25519_Sign_MatchesNoiseAndGossipsubVectors()
    {
        var key = Ed25519PrivateKey.FromSeed(Libp2pVectors.Hex("seed_ed25519", "seedHex"));

        var noiseSignature = key.Sign(Libp2pVectors.Hex("noise_identity_sig", "signedBytesHex"));
        Assert.Equal(Libp2pVectors.Text("noise_identity_sig", "signatureHex"), Convert.ToHexStringLower(noiseSignature));

        var pubsubBytes = Libp2pVectors.Hex("gossipsub_strictsign", "signedBytesHex");
        var pubsubSignature = key.Sign(pubsubBytes);
        Assert.Equal(Libp2pVectors.Text("gossipsub_strictsign", "signatureHex"), Convert.ToHexStringLower(pubsubSignature));
        Assert.True(key.PublicKey.Verify(pubsubBytes, pubsubSignature));
        pubsubSignature[5] ^= 1;
        Assert.False(key.PublicKey.Verify(pubsubBytes, pubsubSignature));
    }

    [Fact]
    public void Secp256k1_SignatureMatchesJsLibp2pForSameKeyAndMessage()
    {
        // Computed with @libp2p/crypto 5.1.23: privateKeyFromRaw(0x01 × 32).sign("hello libp2p").
        var key = Secp256k1PrivateKey.FromBytes(JsSecp256k1Scalar);
        var signature = key.Sign(Encoding.UTF8.GetBytes("hello libp2p"));

        Assert.Equal(
            "304402206ca8e542bb99d6b463a8e74b885c9c86b1510b7ccb21c32431167736edb40ae102201494b8f6eed33a149c2b65afa089f5f82a7edcef3ab9813e8142c94b92209f75",
            Convert.ToHexStringLower(signature));
        Assert.Equal("08021221031b84c5567b126440995d3ed5aaba0565d71e1834604819ff9c17f5e9d5dd078f", Convert.ToHexStringLower(key.PublicKey.ToProtobuf()));
        Assert.Equal("080212200101010101010101010101010101010101010101010101010101010101010101", Convert.ToHexStringLower(key.ToProtobuf()));
        Assert.Equal("16Uiu2HAmEWQnHq2jLKJypwVnVoQeFCULuyop6atvq2eWjYSUjzNi", key.PeerId.ToString());
    }

    [Fact]
    public void Secp256k1_Signatures_AreLowSDeterministicAndVerify()
    {
        var halfOrder = Org.BouncyCastle.Crypto.EC.CustomNamedCurves.GetByName("secp256k1").N.ShiftRight(1);
        for (var index = 0; index < 50; index++)
        {
            var key = Secp256k1PrivateKey.Generate();
            var message = Encoding.UTF8.GetBytes($"message {index}");
            var signature = key.Sign(message);

            Assert.Equal(signature, key.Sign(message));
            Assert.True(key.PublicKey.Verify(message, signature));
            Assert.False(key.PublicKey.Verify(Encoding.UTF8.GetBytes("other"), signature));
            Assert.True(ReadS(signature).CompareTo(halfOrder) <= 0);
        }
    }

    [Fact]
    public void Secp256k1_HighSSignature_IsRejectedLikeJs()
    {
        var key = Secp256k1PrivateKey.FromBytes(JsSecp256k1Scalar);
        var message = Encoding.UTF8.GetBytes("hello libp2p");
        var signature = key.Sign(message);
        var sequence = (Org.BouncyCastle.Asn1.Asn1Sequence)Org.BouncyCastle.Asn1.Asn1Object.FromByteArray(signature);
        var r = ((Org.BouncyCastle.Asn1.DerInteger)sequence[0]).PositiveValue;
        var n = Org.BouncyCastle.Crypto.EC.CustomNamedCurves.GetByName("secp256k1").N;
        var highS = n.Subtract(ReadS(signature));
        var malleated = new Org.BouncyCastle.Asn1.DerSequence(new Org.BouncyCastle.Asn1.DerInteger(r), new Org.BouncyCastle.Asn1.DerInteger(highS)).GetEncoded();

        Assert.False(key.PublicKey.Verify(message, malleated));
    }

    [Theory]
    [InlineData("")]
    [InlineData("3000")]
    [InlineData("300602010102010100")]
    [InlineData("ff")]
    public void Secp256k1_MalformedSignature_VerifiesFalseWithoutThrowing(string hex)
    {
        var key = Secp256k1PrivateKey.Generate();
        Assert.False(key.PublicKey.Verify([1, 2, 3], Convert.FromHexString(hex)));
    }

    [Fact]
    public void Secp256k1_PublicKeyForms_AllNormaliseToCompressed()
    {
        var key = (Secp256k1PublicKey)Secp256k1PrivateKey.FromBytes(JsSecp256k1Scalar).PublicKey;
        var uncompressed = key.ToUncompressed();

        Assert.Equal(key, Secp256k1PublicKey.FromBytes(uncompressed));
        Assert.Equal(key, Secp256k1PublicKey.FromBytes(uncompressed.AsSpan(1)));
        Assert.Equal(33, key.RawBytes.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0801")]
    [InlineData("08011220" + "00")]
    [InlineData("08021221040000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0805122000000000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("080012040000")]
    public void PublicKey_FromBadProtobuf_ThrowsFormatException(string hex)
    {
        Assert.Throws<FormatException>(() => PublicKey.FromProtobuf(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Secp256k1_ScalarOutOfRange_IsRejected()
    {
        Assert.Throws<FormatException>(() => Secp256k1PrivateKey.FromBytes(new byte[32]));
        Assert.Throws<FormatException>(() => Secp256k1PrivateKey.FromBytes(Enumerable.Repeat((byte)0xff, 32).ToArray()));
        Assert.Throws<FormatException>(() => Secp256k1PrivateKey.FromBytes(new byte[31]));
    }

    [Fact]
    public void PrivateKey_ToString_NeverShowsSecret()
    {
        var key = Secp256k1PrivateKey.FromBytes(JsSecp256k1Scalar);
        Assert.DoesNotContain("0101010101", key.ToString(), StringComparison.Ordinal);
    }

    private static BigInteger ReadS(byte[] der)
    {
        var sequence = (Org.BouncyCastle.Asn1.Asn1Sequence)Org.BouncyCastle.Asn1.Asn1Object.FromByteArray(der);
        return ((Org.BouncyCastle.Asn1.DerInteger)sequence[1]).PositiveValue;
    }
}
