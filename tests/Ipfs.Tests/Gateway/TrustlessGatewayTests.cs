using System.Net;
using DePinGpu.Ipfs.Car;
using DePinGpu.Ipfs.Gateway;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Gateway;

public class TrustlessGatewayTests(ReferenceGatewayFixture fixture) : IClassFixture<ReferenceGatewayFixture>
{
    private RunningGateway Gateway => fixture.Running;

    [Fact]
    public async Task Raw_FormatQuery_ReturnsTheExactBlockWithTrustlessHeaders()
    {
        using var response = await Gateway.GetAsync($"/ipfs/{ReferenceGatewayFixture.Hello}?format=raw", GatewayMediaTypes.Raw);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestData.Hello, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(GatewayMediaTypes.Raw, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(12, response.Content.Headers.ContentLength);
        Assert.Equal($"\"{ReferenceGatewayFixture.Hello}.raw\"", response.Headers.ETag?.ToString());
        Assert.Equal("public, max-age=29030400, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal($"/ipfs/{ReferenceGatewayFixture.Hello}", Header(response, "X-Ipfs-Path"));
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{ReferenceGatewayFixture.Hello}.bin", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Null(response.Content.Headers.ContentLocation);
    }

    [Fact]
    public async Task Raw_AcceptHeaderOnly_ServesTheBlockAndPointsToTheFormatUrl()
    {
        using var response = await Gateway.GetAsync($"/ipfs/{ReferenceGatewayFixture.Pattern}", "text/html;q=0.5, application/vnd.ipld.raw");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(208, bytes.Length);
        Assert.True(ReferenceGatewayFixture.Pattern.Hash.Matches(bytes));
        Assert.Equal($"/ipfs/{ReferenceGatewayFixture.Pattern}?format=raw", response.Content.Headers.ContentLocation?.ToString());
    }

    [Fact]
    public async Task Raw_CidV0OfTheSameBlock_IsServed()
    {
        var v0 = Cid.CreateV0(ReferenceGatewayFixture.Pattern.Hash);

        using var response = await Gateway.GetAsync($"/ipfs/{v0}?format=raw");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(v0.Hash.Matches(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Head_Raw_SendsHeadersAndLengthWithoutBody()
    {
        using var response = await Gateway.GetAsync($"/ipfs/{ReferenceGatewayFixture.Pattern}?format=raw", method: HttpMethod.Head);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(208, response.Content.Headers.ContentLength);
        Assert.Equal(GatewayMediaTypes.Raw, response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_Car_SendsCarContentTypeWithoutBody()
    {
        using var response = await Gateway.GetAsync($"/ipfs/{ReferenceGatewayFixture.Directory}?format=car", method: HttpMethod.Head);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GatewayMediaTypes.CarResponse, ContentType(response));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Car_Directory_RoundTripsThroughCarReaderInDepthFirstOrder()
    {
        using var response = await Gateway.GetAsync($"/ipfs/{ReferenceGatewayFixture.Directory}?format=car", GatewayMediaTypes.Car);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GatewayMediaTypes.CarResponse, ContentType(response));
        Assert.Equal($"W/\"{ReferenceGatewayFixture.Directory}.car.dfs.n.all\"", response.Headers.ETag?.ToString());
        Assert.Equal($"{ReferenceGatewayFixture.Directory}.car", response.Content.Headers.ContentDisposition?.FileName);
        var (roots, blocks) = await ReadCarAsync(response);
        Assert.Equal([ReferenceGatewayFixture.Directory], roots);
        Assert.Equal(ReferenceGatewayFixture.DirectoryCarOrder, blocks);
    }

    [Fact]
    public async Task Car_AcceptWithParameters_IsHonoured()
    {
        using var response = await Gateway.GetAsync($"/ipfs/{ReferenceGatewayFixture.Pattern}", "application/vnd.ipld.car; version=1; order=dfs; dups=n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"/ipfs/{ReferenceGatewayFixture.Pattern}?format=car", response.Content.Headers.ContentLocation?.ToString());
        var (_, blocks) = await ReadCarAsync(response);
        Assert.Equal(ReferenceGatewayFixture.DirectoryCarOrder.Skip(2), blocks);
    }

    [Theory]
    [InlineData("block", 1)]
    [InlineData("entity", 1)]
    [InlineData("all", 7)]
    public async Task Car_DagScopeOfDirectory_LimitsTheBlocks(string scope, int expectedBlocks)
    {
        using var response = await Gateway.GetAsync($"/ipfs/{ReferenceGatewayFixture.Directory}?format=car&dag-scope={scope}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith($".{scope}\"", response.Headers.ETag?.ToString());
        var (_, blocks) = await ReadCarAsync(response);
        Assert.Equal(ReferenceGatewayFixture.DirectoryCarOrder.Take(expectedBlocks), blocks);
    }

    [Fact]
    public async Task Car_DagScopeEntityOfFile_HoldsTheWholeFile()
    {
        using var response = await Gateway.GetAsync($"/ipfs/{ReferenceGatewayFixture.Pattern}?format=car&dag-scope=entity");

        var (_, blocks) = await ReadCarAsync(response);
        Assert.Equal(ReferenceGatewayFixture.DirectoryCarOrder.Skip(2), blocks);
    }

    [Fact]
    public async Task IdentityProbe_RawIsEmptyAndCarHasOnlyTheRoot()
    {
        using var raw = await Gateway.GetAsync("/ipfs/bafkqaaa?format=raw");
        using var car = await Gateway.GetAsync("/ipfs/bafkqaaa?format=car");
        using var head = await Gateway.GetAsync("/ipfs/bafkqaaa?format=raw", method: HttpMethod.Head);

        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Empty(await raw.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(HttpStatusCode.OK, car.StatusCode);
        var (roots, blocks) = await ReadCarAsync(car);
        Assert.Equal([Cid.Parse("bafkqaaa")], roots);
        Assert.Empty(blocks);
    }

    [Fact]
    public async Task IfNoneMatch_WithTheEtag_Returns304()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/ipfs/{ReferenceGatewayFixture.Hello}?format=raw");
        request.Headers.TryAddWithoutValidation("If-None-Match", $"\"{ReferenceGatewayFixture.Hello}.raw\"");

        using var response = await Gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    internal static async Task<(IReadOnlyList<Cid> Roots, List<Cid> Blocks)> ReadCarAsync(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        var reader = await CarReader.OpenAsync(body);
        var blocks = new List<Cid>();
        while (await reader.ReadBlockAsync() is { } block)
        {
            blocks.Add(block.Cid);
        }

        return (reader.Roots, blocks);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    internal static string? ContentType(HttpResponseMessage response) =>
        response.Content.Headers.TryGetValues("Content-Type", out var values) ? string.Join(",", values) : null;
}
