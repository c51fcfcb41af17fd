using System.Text;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Nodes;
using DePinGpu.TenantCli.Tests.Support;

namespace DePinGpu.TenantCli.Tests.Nodes;

/// <summary>Finding a provider's node: metadata from a gateway counts only when it hashes to the registry's CID.</summary>
public sealed class ProviderDirectoryTests : IClassFixture<DevnetFixture>
{
    private readonly DevnetChain _chain;

    public ProviderDirectoryTests(DevnetFixture fixture) => _chain = fixture.Chain;

    private static byte[] Metadata(string apiUrl) =>
        Encoding.UTF8.GetBytes($$"""{"schemaVersion":1,"apiUrl":"{{apiUrl}}","peerId":"16Uiu2HAm","multiaddrs":["/ip4/127.0.0.1/tcp/4001"]}""");

    [Fact]
    public async Task ApiOf_MetadataServedByAGateway_GivesItsApiUrl()
    {
        var metadata = Metadata("http://127.0.0.1:7101/");
        var provider = await _chain.RegisterProviderAsync(metadata: metadata);
        await using var gateway = new LoopbackHttpServer();
        gateway.Routes[$"/ipfs/{Cid.ForBlock(MulticodecCode.Raw, metadata)}?format=raw"] = metadata;
        using var directory = new ProviderDirectory(_chain.Connection.Registry(), [gateway.BaseAddress]);

        Assert.Equal(new Uri("http://127.0.0.1:7101/"), await directory.ApiOfAsync(provider.Address, CancellationToken.None));
    }

    [Fact]
    public async Task ApiOf_TamperedMetadata_IsNotBelievedAndNoNodeClaimsTheProvider_SaysWhatToDo()
    {
        var metadata = Metadata("http://127.0.0.1:7101/");
        var provider = await _chain.RegisterProviderAsync(metadata: metadata);
        await using var gateway = new LoopbackHttpServer();
        gateway.Routes[$"/ipfs/{Cid.ForBlock(MulticodecCode.Raw, metadata)}?format=raw"] = Metadata("http://127.0.0.1:6666/");
        gateway.Routes["/status"] = Encoding.UTF8.GetBytes("""{"owner":"0x0000000000000000000000000000000000000001","operator":"0x2"}""");
        using var directory = new ProviderDirectory(_chain.Connection.Registry(), [gateway.BaseAddress]);

        var error = await Assert.ThrowsAsync<CliException>(() => directory.ApiOfAsync(provider.Address, CancellationToken.None));
        Assert.Equal(ExitCodes.NodeUnreachable, error.ExitCode);
        Assert.Contains("add its node API URL to gateways", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiOf_NoMetadataButANodeReportsTheProviderAsOwner_GivesThatNode()
    {
        var provider = await _chain.RegisterProviderAsync();
        await using var node = new LoopbackHttpServer();
        node.Routes["/status"] = Encoding.UTF8.GetBytes($$"""{"owner":"{{provider.Address.ToLowerInvariant()}}","operator":"0x2"}""");
        using var directory = new ProviderDirectory(_chain.Connection.Registry(), [node.BaseAddress]);

        Assert.Equal(node.BaseAddress, await directory.ApiOfAsync(provider.Address, CancellationToken.None));
    }

    [Theory]
    [InlineData("""{"schemaVersion":2,"apiUrl":"http://127.0.0.1:1/"}""", "schemaVersion 1")]
    [InlineData("""{"schemaVersion":1,"apiUrl":"ftp://127.0.0.1/"}""", "no http(s) apiUrl")]
    [InlineData("""{"schemaVersion":1}""", "no http(s) apiUrl")]
    [InlineData("""not json""", "not valid JSON")]
    public void MetadataParse_Malformed_SaysWhy(string json, string expected)
    {
        var (metadata, problem) = ProviderMetadata.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Null(metadata);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void MetadataParse_TheNodesDocument_ReadsEveryField()
    {
        var (metadata, problem) = ProviderMetadata.Parse(Metadata("http://10.0.0.5:7070/"));
        Assert.True(metadata is not null, problem);
        Assert.Equal(new Uri("http://10.0.0.5:7070/"), metadata.ApiUrl);
        Assert.Equal("16Uiu2HAm", metadata.PeerId);
        Assert.Equal(["/ip4/127.0.0.1/tcp/4001"], metadata.Multiaddrs);
    }
}
