using System.Text.Json;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TestSupport;

namespace DePinGpu.Protocol.Tests.Wallets;

public sealed class OperatorPeerIdTests
{
    private static JsonElement Vector()
    {
        var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Libp2pVectorsFile));
        return document.RootElement.GetProperty("spec_secp256k1").Clone();
    }

    [Fact]
    public void FromCompressedPublicKey_MatchesTheLibp2pSpecVector()
    {
        var vector = Vector();
        var protobuf = Convert.FromHexString(vector.GetProperty("publicKeyProtobuf").GetString()!);

        var peerId = OperatorPeerId.FromCompressedPublicKey(protobuf.AsSpan(4));

        Assert.Equal(vector.GetProperty("peerIdMultihashHex").GetString(), Convert.ToHexString(peerId.Bytes).ToLowerInvariant());
        Assert.Equal(vector.GetProperty("peerId").GetString(), peerId.Text);
        Assert.StartsWith("16Uiu2HA", peerId.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TextForm_RoundTrips()
    {
        var text = Vector().GetProperty("peerId").GetString()!;

        Assert.Equal(text, OperatorPeerId.Parse(text).Text);
    }

    [Fact]
    public void WalletKey_PeerId_IsPrefixPlusCompressedKey()
    {
        var key = WalletKey.Generate();

        var bytes = key.PeerId.ToArray();

        Assert.Equal(OperatorPeerId.Length, bytes.Length);
        Assert.Equal(new byte[] { 0x00, 0x25, 0x08, 0x02, 0x12, 0x21 }, bytes[..6]);
        Assert.Equal(key.CompressedPublicKey, bytes[6..]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0025080212210377")]
    [InlineData("002408011220aabbccddeeff00112233445566778899aabbccddeeff0011223344556677")]
    public void FromBytes_WrongShape_IsRejected(string hex)
    {
        Assert.Throws<ArgumentException>(() => OperatorPeerId.FromBytes(Convert.FromHexString(hex)));
    }
}
