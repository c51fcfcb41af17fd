using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DePinGpu.Ipfs.Tests.Gateway;

public class GatewayStatusCodeTests(ReferenceGatewayFixture fixture) : IClassFixture<ReferenceGatewayFixture>
{
    private static readonly string Hello = ReferenceGatewayFixture.Hello.ToString();
    private static readonly string Directory = ReferenceGatewayFixture.Directory.ToString();

    [Theory]
    [InlineData("/ipfs/not-a-cid?format=raw", null, HttpStatusCode.BadRequest)]
    [InlineData("/ipfs/{hello}?format=tar", null, HttpStatusCode.BadRequest)]
    [InlineData("/ipfs/{hello}?format=raw&format=car", null, HttpStatusCode.BadRequest)]
    [InlineData("/ipfs/{hello}", null, HttpStatusCode.BadRequest)]
    [InlineData("/ipfs/{hello}", "*/*", HttpStatusCode.BadRequest)]
    [InlineData("/ipfs/{hello}", "text/html", HttpStatusCode.NotAcceptable)]
    [InlineData("/ipfs/{hello}", "application/vnd.ipld.car; dups=y", HttpStatusCode.NotAcceptable)]
    [InlineData("/ipfs/{hello}", "application/vnd.ipld.car; version=2", HttpStatusCode.NotAcceptable)]
    [InlineData("/ipfs/{hello}", "application/vnd.ipld.raw;q=0", HttpStatusCode.NotAcceptable)]
    [InlineData("/ipfs/{hello}?format=car", "application/vnd.ipld.car; dups=y", HttpStatusCode.NotAcceptable)]
    [InlineData("/ipfs/{hello}?format=car&car-dups=y", null, HttpStatusCode.BadRequest)]
    [InlineData("/ipfs/{hello}?format=car&car-version=2", null, HttpStatusCode.BadRequest)]
    [InlineData("/ipfs/{hello}?format=car&dag-scope=everything", null, HttpStatusCode.BadRequest)]
    [InlineData("/ipfs/{hello}?format=car&entity-bytes=0:10", null, HttpStatusCode.OK)]
    [InlineData("/ipfs/{hello}?format=car&entity-bytes=9:1", null, HttpStatusCode.BadRequest)]
    [InlineData("/ipfs/{dir}/a.txt?format=raw", null, HttpStatusCode.BadRequest)]
    [InlineData("/ipfs/{dir}/a.txt?format=car", null, HttpStatusCode.OK)]
    [InlineData("/ipfs/{dir}/missing?format=car", null, HttpStatusCode.NotFound)]
    [InlineData("/ipfs/{dir}", "application/octet-stream", HttpStatusCode.BadRequest)]
    [InlineData("/ipfs/{dir}/a.txt", "application/octet-stream", HttpStatusCode.OK)]
    [InlineData("/ipfs/{hello}?format=raw&filename=a%22b", null, HttpStatusCode.BadRequest)]
    [InlineData("/ipns/k51qzi5uqu5dlvj2baxnqndepeb86cbk3ng7n3i46uzyxzyqj2xjonzllnv0v8?format=raw", null, HttpStatusCode.NotImplemented)]
    [InlineData("/api/v0/cat", null, HttpStatusCode.NotFound)]
    [InlineData("/ipfs/bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e?format=raw", null, HttpStatusCode.NotFound)]
    [InlineData("/ipfs/bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e?format=car", null, HttpStatusCode.NotFound)]
    [InlineData("/ipfs/bafkqaaa?format=car&dag-scope=all", "application/vnd.ipld.car; order=unk", HttpStatusCode.OK)]
    public async Task Request_ReturnsTheSpecifiedStatus(string path, string? accept, HttpStatusCode expected)
    {
        path = path.Replace("{hello}", Hello).Replace("{dir}", Directory);

        using var response = await fixture.Running.GetAsync(path, accept);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        if (expected != HttpStatusCode.OK)
        {
            Assert.False(string.IsNullOrWhiteSpace(await response.Content.ReadAsStringAsync()), "an error carries a sentence saying what to change");
        }
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    public async Task OtherMethods_Return405WithAllow(string method)
    {
        using var response = await fixture.Running.GetAsync($"/ipfs/{Hello}?format=raw", method: new HttpMethod(method));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET, HEAD", string.Join(", ", response.Content.Headers.Allow));
    }

    [Fact]
    public async Task Get_WithBody_Returns413()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/ipfs/{Hello}?format=raw") { Content = new ByteArrayContent(new byte[10]) };

        using var response = await fixture.Running.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task OnlyIfCached_AbsentBlock_Returns412()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/ipfs/{ReferenceGatewayFixture.Absent}?format=raw");
        request.Headers.TryAddWithoutValidation("Cache-Control", "only-if-cached");

        using var response = await fixture.Running.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Fact]
    public async Task TooManyHeaders_AreRefusedByTheServer()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/ipfs/{Hello}?format=raw");
        for (var index = 0; index < 40; index++)
        {
            request.Headers.TryAddWithoutValidation($"X-Filler-{index}", "x");
        }

        using var response = await fixture.Running.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task RawSocket_HttpOneRequest_GetsTheBlock()
    {
        // Guards the wire format independent of HttpClient: status line, headers and exact body.
        using var client = new TcpClient();
        await client.ConnectAsync(fixture.Running.BaseAddress.Host, fixture.Running.BaseAddress.Port);
        await using var stream = client.GetStream();
        var request = $"GET /ipfs/{Hello}?format=raw HTTP/1.1\r\nHost: localhost\r\nAccept: application/vnd.ipld.raw\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        using var reader = new StreamReader(stream, Encoding.ASCII);
        var text = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", text);
        Assert.Contains("\r\nContent-Length: 12\r\n", text);
        Assert.EndsWith("\r\n\r\nhello world\n", text);
    }
}
