using CsCheck;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Tests.Vectors;

namespace DePinGpu.Libp2p.Tests.Identity;

public sealed class PeerIdTests
{
    [Theory]
    [InlineData("spec_ed25519")]
    [InlineData("spec_secp256k1")]
    public void FromPublicKey_SpecKeys_MatchTextMultihashAndCidVectors(string section)
    {
        var key = PublicKey.FromProtobuf(Libp2pVectors.Hex(section, "publicKeyProtobuf"));
        var peerId = key.ToPeerId();

        Assert.Equal(Libp2pVectors.Text(section, "peerId"), peerId.ToString());
        Assert.Equal(Libp2pVectors.Text(section, "peerIdMultihashHex"), Convert.ToHexStringLower(peerId.Bytes));
        Assert.Equal(Libp2pVectors.Text(section, "peerIdCidV1"), peerId.ToCidString());
        Assert.Equal(key, peerId.PublicKey);
    }

    [Theory]
    [InlineData("spec_ed25519")]
    [InlineData("spec_secp256k1")]
    public void Parse_Base58AndCidForms_GiveTheSamePeerId(string section)
    {
        var fromBase58 = PeerId.Parse(Libp2pVectors.Text(section, "peerId"));
        var fromCid = PeerId.Parse(Libp2pVectors.Text(section, "peerIdCidV1"));

        Assert.Equal(fromBase58, fromCid);
        Assert.True(fromBase58 == fromCid);
        Assert.Equal(fromBase58.GetHashCode(), fromCid.GetHashCode());
    }

    [Fact]
    public void Parse_Sha256PeerId_KeepsMultihashAndHasNoInlineKey()
    {
        var peerId = PeerId.Parse(Libp2pVectors.Text("sha256_peerid_example", "peerId"));

        Assert.Equal(Libp2pVectors.Text("sha256_peerid_example", "multihashHex"), Convert.ToHexStringLower(peerId.Bytes));
        Assert.Null(peerId.PublicKey);
        Assert.Equal(Libp2pVectors.Text("sha256_peerid_example", "peerId"), peerId.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("12D3KooW0000")]
    [InlineData("QmNotAValidPeerId")]
    [InlineData("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi")]
    [InlineData("xyz")]
    public void Parse_InvalidText_ThrowsFormatExceptionNamingTheInput(string text)
    {
        var exception = Assert.Throws<FormatException>(() => PeerId.Parse(text));
        Assert.Contains("peer id", exception.Message, StringComparison.Ordinal);
        Assert.False(PeerId.TryParse(text, out _));
    }

    [Fact]
    public void FromBytes_UnsupportedHashFunction_IsRejected()
    {
        var sha1 = new byte[] { 0x11, 0x14 }.Concat(new byte[20]).ToArray();
        Assert.Throws<FormatException>(() => PeerId.FromBytes(sha1));
    }

    [Fact]
    public void RoundTrip_RandomKeys_TextBytesAndCidAgree()
    {
        Gen.Bool.Sample(
            useSecp256k1 =>
            {
                PrivateKey key = useSecp256k1 ? Secp256k1PrivateKey.Generate() : Ed25519PrivateKey.Generate();
                var peerId = key.PeerId;
                Assert.Equal(peerId, PeerId.Parse(peerId.ToString()));
                Assert.Equal(peerId, PeerId.Parse(peerId.ToCidString()));
                Assert.Equal(peerId, PeerId.FromBytes(peerId.Bytes));
                Assert.StartsWith(useSecp256k1 ? "16Uiu2HA" : "12D3KooW", peerId.ToString(), StringComparison.Ordinal);
                Assert.True(peerId.Matches(key.PublicKey));
            },
            iter: 40);
    }
}
