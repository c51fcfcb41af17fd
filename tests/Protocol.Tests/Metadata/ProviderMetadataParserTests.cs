using System.Text;
using CsCheck;
using DePinGpu.Protocol.Metadata;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.Protocol.Tests.Metadata;

public sealed class ProviderMetadataParserTests
{
    private static readonly string PeerId = WalletKey.Generate().PeerId.ToString();

    [Fact]
    public void Document_WrittenByRegister_IsRead()
    {
        var json = $$"""{"schemaVersion":1,"apiUrl":"http://127.0.0.1:7101/","peerId":"{{PeerId}}","multiaddrs":["/ip4/127.0.0.1/tcp/4001"]}""";

        Assert.True(ProviderMetadataParser.TryParse(Encoding.UTF8.GetBytes(json), out var metadata, out var error), error);
        Assert.Equal(PeerId, metadata.PeerId.ToString());
        Assert.Equal("/ip4/127.0.0.1/tcp/4001", Assert.Single(metadata.Multiaddrs).ToString());
        Assert.Equal(new Uri("http://127.0.0.1:7101/"), metadata.ApiUrl);
    }

    [Theory]
    [InlineData("""{"schemaVersion":2,"apiUrl":"http://a/","peerId":"PEER","multiaddrs":[]}""", "schemaVersion")]
    [InlineData("""{"schemaVersion":1,"apiUrl":"file:///etc/passwd","peerId":"PEER","multiaddrs":[]}""", "apiUrl")]
    [InlineData("""{"schemaVersion":1,"apiUrl":"http://a/","peerId":"not-a-peer","multiaddrs":[]}""", "not a valid")]
    [InlineData("""{"schemaVersion":1,"apiUrl":"http://a/","peerId":"PEER","multiaddrs":["nonsense"]}""", "not a valid")]
    [InlineData("""{"schemaVersion":1,"apiUrl":"http://a/","peerId":"PEER"}""", "not a valid")]
    [InlineData("""[1,2,3]""", "not a valid")]
    public void Malformed_IsRefusedWithAReason(string json, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(json.Replace("PEER", PeerId, StringComparison.Ordinal));

        Assert.False(ProviderMetadataParser.TryParse(bytes, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_IsRefusedBeforeParsing()
    {
        Assert.False(ProviderMetadataParser.TryParse(new byte[ProviderMetadataParser.MaxBytes + 1], out _, out var error));
        Assert.Contains("at most 8192", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ArbitraryBytes_AreParsedOrRefused_NeverThrown() => Gen.Byte.Array[0, 300].Sample(bytes =>
    {
        ProviderMetadataParser.TryParse(bytes, out _, out _);
    });
}
