using System.Net;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Gateway;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Gateway;

public class GatewayLimitAndCorruptionTests
{
    [Fact]
    public async Task CorruptStoredBlock_IsNotServed_AndTheClientReportsIt()
    {
        var store = new MemoryBlockStore();
        var file = await UnixFsFixture.AddFileAsync(store, TestData.Random(600_000, seed: 1));
        var leaf = Dag.DagLinks.Of(file.Cid, (await store.GetAsync(file.Cid))!)[1];
        var flipped = (await store.GetAsync(leaf))!;
        flipped[1234] ^= 0x01;
        store.Overwrite(leaf, flipped);
        await using var gateway = await RunningGateway.StartAsync(store);

        using var raw = await gateway.GetAsync($"/ipfs/{leaf}?format=raw");
        using var car = await gateway.GetAsync($"/ipfs/{file.Cid}?format=car");
        using var client = new GatewayClient(new GatewayClientOptions { Gateways = [gateway.BaseAddress], MaxRounds = 1 });
        var failure = await Assert.ThrowsAsync<GatewayFetchException>(() => client.FetchDagAsync(file.Cid, new MemoryBlockStore()));

        Assert.Equal(HttpStatusCode.InternalServerError, raw.StatusCode);
        Assert.Contains("corrupt", await raw.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, car.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => TrustlessGatewayTests.ReadCarAsync(car));
        Assert.Equal(leaf, failure.Cid);
        Assert.Contains(gateway.BaseAddress.ToString(), failure.Message);
    }

    [Fact]
    public async Task FlippedByteOnDisk_FileSystemStore_IsNotServed()
    {
        using var folder = new TemporaryDirectory();
        using var store = await FileSystemBlockStore.OpenAsync(new BlockStoreOptions { RootPath = folder.Path });
        var block = Block.Create(MulticodecCode.Raw, TestData.Random(5000, seed: 2));
        await store.PutAsync(block);
        await store.FlushAsync();
        var path = Directory.EnumerateFiles(Path.Combine(folder.Path, "blocks"), "*", SearchOption.AllDirectories).Single();
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^1] ^= 0x80;
        await File.WriteAllBytesAsync(path, bytes);
        await using var gateway = await RunningGateway.StartAsync(store);

        using var response = await gateway.GetAsync($"/ipfs/{block.Cid}?format=raw");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task ConcurrencyLimit_ExtraRequestGets429WithRetryAfter()
    {
        var inner = new MemoryBlockStore();
        var block = Block.Create(MulticodecCode.Raw, "slow"u8.ToArray());
        await inner.PutAsync(block);
        var gated = new GatedBlockStore(inner, block.Cid);
        await using var gateway = await RunningGateway.StartAsync(gated, options => options with { MaxConcurrentRequests = 1 });

        var first = gateway.GetAsync($"/ipfs/{block.Cid}?format=raw");
        await gated.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        using var second = await gateway.GetAsync($"/ipfs/{block.Cid}?format=raw");
        gated.Open();
        using var firstResponse = await first;

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("1", second.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
    }

    [Fact]
    public async Task DeclaredDagLargerThanTheCarLimit_Is413BeforeStreaming()
    {
        var store = new MemoryBlockStore();
        var file = await UnixFsFixture.AddFileAsync(store, TestData.Pattern(TestData.MiB));
        await using var gateway = await RunningGateway.StartAsync(store, options => options with { MaxCarBytes = 100_000 });

        using var car = await gateway.GetAsync($"/ipfs/{file.Cid}?format=car");
        using var block = await gateway.GetAsync($"/ipfs/{file.Cid}?format=car&dag-scope=block");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, car.StatusCode);
        Assert.Contains("format=raw", await car.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, block.StatusCode);
    }

    [Fact]
    public async Task UnderstatedSizes_StreamIsCutAtTheByteLimit()
    {
        var store = new MemoryBlockStore();
        var file = await UnixFsFixture.AddFileAsync(store, TestData.Pattern(TestData.MiB), lieAboutSizes: true);
        await using var gateway = await RunningGateway.StartAsync(store, options => options with { MaxCarBytes = 300_000 });

        using var car = await gateway.GetAsync($"/ipfs/{file.Cid}?format=car");

        Assert.Equal(HttpStatusCode.OK, car.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => TrustlessGatewayTests.ReadCarAsync(car));
    }

    [Fact]
    public async Task BlockCountLimit_CutsTheStream()
    {
        var store = new MemoryBlockStore();
        var file = await UnixFsFixture.AddFileAsync(store, TestData.Pattern(TestData.MiB));
        await using var gateway = await RunningGateway.StartAsync(store, options => options with { MaxCarBlocks = 3 });

        using var car = await gateway.GetAsync($"/ipfs/{file.Cid}?format=car");

        await Assert.ThrowsAnyAsync<Exception>(() => TrustlessGatewayTests.ReadCarAsync(car));
    }

    [Fact]
    public async Task ResponseTimeout_CutsAStalledCar()
    {
        var inner = new MemoryBlockStore();
        var file = await UnixFsFixture.AddFileAsync(inner, TestData.Pattern(TestData.MiB));
        var leaf = Dag.DagLinks.Of(file.Cid, (await inner.GetAsync(file.Cid))!)[2];
        var gated = new GatedBlockStore(inner, leaf);
        await using var gateway = await RunningGateway.StartAsync(gated, options => options with { ResponseTimeout = TimeSpan.FromMilliseconds(500) });

        using var car = await gateway.GetAsync($"/ipfs/{file.Cid}?format=car");

        await Assert.ThrowsAnyAsync<Exception>(() => TrustlessGatewayTests.ReadCarAsync(car));
    }

    [Fact]
    public async Task StartStop_Lifecycle()
    {
        var gateway = new TrustlessGateway(new MemoryBlockStore(), new GatewayOptions { Port = 0 });
        Assert.Throws<InvalidOperationException>(() => gateway.BaseAddress);

        await gateway.StartAsync(CancellationToken.None);
        var address = gateway.BaseAddress;
        await Assert.ThrowsAsync<InvalidOperationException>(() => gateway.StartAsync(CancellationToken.None));
        using var http = new HttpClient { BaseAddress = address };
        using var probe = await http.GetAsync("/ipfs/bafkqaaa?format=raw");
        await gateway.StopAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.False(gateway.IsRunning);
        await Assert.ThrowsAsync<HttpRequestException>(() => new HttpClient().GetAsync(new Uri(address, "ipfs/bafkqaaa?format=raw")));
        await gateway.DisposeAsync();
    }

    [Fact]
    public void Options_Invalid_AreAllNamed()
    {
        var options = new GatewayOptions { Port = 70000, MaxConcurrentRequests = 0, ResponseTimeout = TimeSpan.Zero };

        var exception = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("Port", exception.Message);
        Assert.Contains("MaxConcurrentRequests", exception.Message);
        Assert.Contains("ResponseTimeout", exception.Message);
    }
}
