using System.Text;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Nodes;
using DePinGpu.TenantCli.Tests.Support;

namespace DePinGpu.TenantCli.Tests.Nodes;

/// <summary>Finding a provider's node: metadata from a gateway counts only when it hashes to the registry's CID.</summary>
public sealed class ProviderDirectoryTests : IClassFixture<DevnetFixture>
{
    private readonly DevnetChain _chain;

    public ProviderDirectoryTests(DevnetFixture fixture) => _chain = fixture.Chain;

    private static readonly string PeerId = WalletKey.Generate().PeerId.ToString();

    private static byte[] Metadata(string apiUrl) =>
        Encoding.UTF8.GetBytes($$"""{"schemaVersion":1,"apiUrl":"{{apiUrl}}","peerId":"{{PeerId}}","multiaddrs":["/ip4/127.0.0.1/tcp/4001"]}""");

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
}
