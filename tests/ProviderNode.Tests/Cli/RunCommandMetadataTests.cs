using DePinGpu.Ipfs.Blocks;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Tests.Support;

namespace DePinGpu.ProviderNode.Tests.Cli;

/// <summary><c>depin-node run</c> serves the metadata block that <c>register</c> put on-chain, through its trustless gateway.</summary>
public sealed class RunCommandMetadataTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Run_AfterRegister_ServesTheMetadataBlockAtTheRegistryCid()
    {
        await using var chain = await ProtocolChain.StartAsync();
        var node = await DevnetNode.CreateAsync(chain, _directory.Combine("node"), "metadata", pricePerGpuSecond: 1000);
        await HappyPathScenario.RegisterAsync(chain, node);
        var registered = (await chain.Connection.Registry().GetProviderAsync(node.Owner.Address, CancellationToken.None))!;
        await using var daemon = await node.RunAsync(DevnetTenant.Patience);

        using var http = new HttpClient { BaseAddress = node.Api };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/ipfs/{registered.MetadataCid}?format=raw", UriKind.Relative));
        request.Headers.Accept.ParseAdd("application/vnd.ipld.raw");
        using var response = await http.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {daemon.ErrorTail}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(Block.TryVerify(registered.MetadataCid!, bytes, out _));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(node.Directory, "data", "metadata.json")), bytes);
        Assert.Contains($"\"peerId\":\"{node.Operator.PeerId}\"", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
