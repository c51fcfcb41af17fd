using System.Net;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Fetching;
using DePinGpu.Ipfs.Gateway;
using DePinGpu.Ipfs.Pins;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DePinGpu.Ipfs.Tests.Gateway;

public class MountedGatewayTests
{
    [Fact]
    public async Task MapTrustlessGateway_ServesIpfsBesideTheApplicationsOwnEndpoints()
    {
        var store = new MemoryBlockStore();
        var block = Block.Create(MulticodecCode.Raw, TestData.Hello);
        await store.PutAsync(block);
        var cid = block.Cid;
        await using var application = await StartApplicationAsync(store);
        using var http = new HttpClient { BaseAddress = BaseAddress(application) };

        using var raw = await http.GetAsync($"/ipfs/{cid}?format=raw");
        using var own = await http.GetAsync("/status");
        using var write = await http.PostAsync($"/ipfs/{cid}", new ByteArrayContent([]));
        using var ipns = await http.GetAsync("/ipns/example.org");

        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal(TestData.Hello, await raw.Content.ReadAsByteArrayAsync());
        Assert.Equal("node is up", await own.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, write.StatusCode);
        Assert.Equal(HttpStatusCode.NotImplemented, ipns.StatusCode);
    }

    [Fact]
    public async Task GatewayContentFetcher_FetchesFromAMountedGateway_IntoTheStore_AndPinsTheRoot()
    {
        var source = new MemoryBlockStore();
        var root = (await new UnixFsImporter().ImportBytesAsync(TestData.Pattern(300_000), source)).Cid;
        await using var application = await StartApplicationAsync(source);
        using var folder = new TemporaryDirectory();
        var destination = new MemoryBlockStore();
        using var content = new ContentStore(destination, new ContentStoreOptions { PinDatabasePath = folder.Combine("pins.db") });
        using var client = new GatewayClient(new GatewayClientOptions { Gateways = [BaseAddress(application)] });

        var result = await new GatewayContentFetcher(client, content).FetchDagAsync(root, "replica");

        Assert.True(result.IsComplete, result.Error);
        Assert.Equal(source.GetUsage().BlockCount, destination.GetUsage().BlockCount);
        Assert.Equal(PinType.Recursive, (await content.GetPinAsync(root))!.Type);
    }

    [Fact]
    public async Task GatewayContentFetcher_WhenNoGatewayHasTheContent_ReturnsAnIncompleteResult()
    {
        await using var application = await StartApplicationAsync(new MemoryBlockStore());
        using var folder = new TemporaryDirectory();
        using var content = new ContentStore(new MemoryBlockStore(), new ContentStoreOptions { PinDatabasePath = folder.Combine("pins.db") });
        using var client = new GatewayClient(new GatewayClientOptions { Gateways = [BaseAddress(application)], MaxRounds = 1, RetryDelay = TimeSpan.FromMilliseconds(10) });
        var missing = Cid.ForBlock(MulticodecCode.Raw, [7, 7, 7]);

        var result = await new GatewayContentFetcher(client, content).FetchDagAsync(missing);

        Assert.False(result.IsComplete);
        Assert.NotNull(result.Error);
        Assert.Null(await content.GetPinAsync(missing));
    }

    private static async Task<WebApplication> StartApplicationAsync(IBlockStore store)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(store);
        builder.Services.AddTrustlessGatewayEndpoints(builder.Configuration.GetSection(TrustlessGatewayServiceCollectionExtensions.SectionName));
        var application = builder.Build();
        application.MapGet("/status", () => "node is up");
        application.MapTrustlessGateway();
        await application.StartAsync();
        return application;
    }

    private static Uri BaseAddress(WebApplication application) =>
        new(application.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
