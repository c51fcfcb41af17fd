using System.Text.Json;
using CsCheck;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TestSupport;
using Nethereum.Signer;

namespace DePinGpu.Protocol.Tests.Wallets;

public sealed class OperatorIdentityTests
{
    // anvil's (and hardhat's) first dev account: a well-known key/address pair.
    private const string DevPrivateKey = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private const string DevAddress = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

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

        var peerId = OperatorIdentity.PeerIdFromCompressedPublicKey(protobuf.AsSpan(4));

        Assert.Equal(vector.GetProperty("peerIdMultihashHex").GetString(), Convert.ToHexString(peerId.Bytes).ToLowerInvariant());
        Assert.Equal(vector.GetProperty("peerId").GetString(), peerId.ToString());
        Assert.StartsWith("16Uiu2HA", peerId.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TextForm_RoundTrips()
    {
        var text = Vector().GetProperty("peerId").GetString()!;

        Assert.Equal(text, PeerId.Parse(text).ToString());
    }

    [Fact]
    public void WalletKey_PeerId_IsPrefixPlusCompressedKey()
    {
        var key = WalletKey.Generate();

        var bytes = key.PeerId.ToByteArray();

        Assert.Equal(OperatorIdentity.PeerIdLength, bytes.Length);
        Assert.Equal(new byte[] { 0x00, 0x25, 0x08, 0x02, 0x12, 0x21 }, bytes[..6]);
        Assert.Equal(key.CompressedPublicKey, bytes[6..]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0025080212210377")]
    [InlineData("002408011220aabbccddeeff00112233445566778899aabbccddeeff0011223344556677")]
    public void FromBytes_WrongShape_IsRejected(string hex)
    {
        Assert.Throws<ArgumentException>(() => OperatorIdentity.PeerIdFromRegistryBytes(Convert.FromHexString(hex)));
    }

    [Fact]
    public void WalletKey_AsLibp2pKey_HasTheSameScalarAndPeerId()
    {
        var key = WalletKey.FromPrivateKey(DevPrivateKey);

        var libp2pKey = key.ToLibp2pPrivateKey();

        Assert.Equal("08021220" + DevPrivateKey, Convert.ToHexStringLower(libp2pKey.ToProtobuf()));
        Assert.Equal(key.PeerId, libp2pKey.PeerId);
        Assert.Equal(key.CompressedPublicKey, libp2pKey.PublicKey.RawBytes.ToArray());
    }

    [Fact]
    public void AddressOf_OperatorPeerId_IsTheOperatorsEthereumAddress()
    {
        var key = WalletKey.FromPrivateKey(DevPrivateKey);

        Assert.Equal(DevAddress, OperatorIdentity.AddressOf(PeerId.Parse(key.PeerId.ToString())));
    }

    [Fact]
    public void AddressOf_SpecVectorPeerId_AgreesWithNethereumsAddressOfTheSameKey()
    {
        var vector = Vector();
        var compressed = Convert.FromHexString(vector.GetProperty("publicKeyProtobuf").GetString()!)[4..];

        var address = OperatorIdentity.AddressOf(PeerId.Parse(vector.GetProperty("peerId").GetString()!));

        Assert.Equal(new EthECKey(compressed, false).GetPublicAddress(), address);
    }

    [Fact]
    public void AddressOf_Ed25519PeerId_IsRejected()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Libp2pVectorsFile));
        var ed25519 = PeerId.Parse(document.RootElement.GetProperty("spec_ed25519").GetProperty("peerId").GetString()!);

        Assert.Throws<ArgumentException>(() => OperatorIdentity.AddressOf(ed25519));
    }

    [Fact]
    public void AnyGeneratedKey_RoundTripsThroughItsPeerIdToItsAddress()
    {
        Gen.Byte.Array[32].Where(scalar => scalar.Any(b => b != 0)).Sample(scalar =>
        {
            var key = WalletKey.FromPrivateKey(scalar);
            Assert.Equal(key.Address, OperatorIdentity.AddressOf(PeerId.FromBytes(key.PeerId.ToByteArray())));
            Assert.Equal(key.PeerId, key.ToLibp2pPrivateKey().PeerId);
        }, iter: 50);
    }
}
