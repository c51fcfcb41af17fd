using System.Text;
using CsCheck;
using DePinGpu.Libp2p.Addressing;
using DePinGpu.Protocol.Metadata;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.Protocol.Tests.Metadata;

/// <summary>The document <c>depin-node register</c> writes: its exact bytes, and that whatever it writes the parser reads back.</summary>
public sealed class ProviderMetadataDocumentTests
{
    // A fixed secp256k1 key, so the peer id (and with it the document's bytes and CID) never changes.
    private static readonly WalletKey Operator = WalletKey.FromPrivateKey("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");

    [Fact]
    public void ToDocument_Vector_IsTheCompactJsonInTheDocumentedFieldOrder()
    {
        var metadata = new ProviderMetadata(new Uri("http://127.0.0.1:7101/"), Operator.PeerId, [Multiaddr.Parse("/ip4/127.0.0.1/tcp/4001")]);

        var text = Encoding.UTF8.GetString(metadata.ToDocument());

        Assert.Equal($$"""{"schemaVersion":1,"apiUrl":"http://127.0.0.1:7101/","peerId":"{{Operator.PeerId}}","multiaddrs":["/ip4/127.0.0.1/tcp/4001"]}""", text);
    }

    [Fact]
    public void ToDocument_NoMultiaddrs_WritesAnEmptyListTheParserAccepts()
    {
        var bytes = new ProviderMetadata(new Uri("https://node.example/"), Operator.PeerId, []).ToDocument();

        Assert.True(ProviderMetadataParser.TryParse(bytes, out var read, out var error), error);
        Assert.Empty(read.Multiaddrs);
    }

    [Fact]
    public void ToDocument_ThenTryParse_GivesBackEveryField() => Gen.Select(
            Gen.Int[1, 65535], Gen.Bool.Select(secure => secure ? "https" : "http"), Gen.Int[1, 65535].Array[0, ProviderMetadataParser.MaxMultiaddrs], Gen.Byte[1, 254])
        .Sample((port, scheme, listenPorts, lastOctet) =>
        {
            var apiUrl = new Uri($"{scheme}://10.0.0.{lastOctet}:{port}/");
            var multiaddrs = listenPorts.Select(listen => Multiaddr.Parse($"/ip4/10.0.0.{lastOctet}/tcp/{listen}")).ToArray();
            var written = new ProviderMetadata(apiUrl, Operator.PeerId, multiaddrs);

            Assert.True(ProviderMetadataParser.TryParse(written.ToDocument(), out var read, out var error), error);
            Assert.Equal(written.ApiUrl, read.ApiUrl);
            Assert.Equal(written.PeerId, read.PeerId);
            Assert.Equal(written.Multiaddrs.Select(address => address.ToString()), read.Multiaddrs.Select(address => address.ToString()));
        });

    [Fact]
    public void TryParse_TooManyMultiaddrs_IsRefused()
    {
        var many = Enumerable.Range(1, ProviderMetadataParser.MaxMultiaddrs + 1).Select(port => Multiaddr.Parse($"/ip4/127.0.0.1/tcp/{port}")).ToArray();
        var bytes = new ProviderMetadata(new Uri("http://127.0.0.1:1/"), Operator.PeerId, many).ToDocument();

        Assert.False(ProviderMetadataParser.TryParse(bytes, out _, out var error));
        Assert.Contains($"more than {ProviderMetadataParser.MaxMultiaddrs}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ValidDocumentWithOneByteChanged_IsParsedOrRefused_NeverThrown()
    {
        var document = new ProviderMetadata(new Uri("http://127.0.0.1:7101/"), Operator.PeerId, [Multiaddr.Parse("/ip4/127.0.0.1/tcp/4001")]).ToDocument();
        Gen.Select(Gen.Int[0, document.Length - 1], Gen.Byte).Sample((index, value) =>
        {
            var mutated = (byte[])document.Clone();
            mutated[index] = value;
            var parsed = ProviderMetadataParser.TryParse(mutated, out var metadata, out var error);
            Assert.True(parsed ? metadata is not null : error is not null);
        });
    }
}
