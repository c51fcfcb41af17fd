using System.Net;
using System.Text;
using DePinGpu.Ipfs.Kubo;

namespace DePinGpu.Ipfs.Tests.Kubo;

/// <summary>Kubo answer parsing on hand-made responses: error bodies, error lines inside a stream, trailers, limits.</summary>
public class KuboResponsesTests
{
    [Fact]
    public async Task ErrorBody_BecomesKuboRpcExceptionWithMessageAndCode()
    {
        using var response = Response(HttpStatusCode.InternalServerError, """{"Message":"invalid path \"x\": path does not have enough components","Code":1,"Type":"error"}""");

        var exception = await Assert.ThrowsAsync<KuboRpcException>(() => KuboResponses.EnsureSuccessAsync("cat", response, CancellationToken.None));

        Assert.Equal("invalid path \"x\": path does not have enough components", exception.KuboMessage);
        Assert.Equal(1, exception.Code);
        Assert.Equal(HttpStatusCode.InternalServerError, exception.StatusCode);
    }

    [Fact]
    public async Task PlainTextError_KeepsTheText()
    {
        using var response = Response(HttpStatusCode.Forbidden, "403 - Forbidden");

        var exception = await Assert.ThrowsAsync<KuboRpcException>(() => KuboResponses.EnsureSuccessAsync("add", response, CancellationToken.None));

        Assert.Equal("403 - Forbidden", exception.KuboMessage);
        Assert.Contains("Origin", exception.Message);
    }

    [Fact]
    public async Task ErrorLineInsideAStream_Throws()
    {
        using var response = Response(HttpStatusCode.OK, "{\"Name\":\"a\",\"Hash\":\"bafkqaaa\",\"Size\":\"0\"}\n{\"Message\":\"no space left on device\",\"Code\":0,\"Type\":\"error\"}\n");

        var exception = await Assert.ThrowsAsync<KuboRpcException>(async () =>
        {
            await foreach (var line in KuboResponses.ReadLinesAsync("add", response, 1024, 10, CancellationToken.None))
            {
                line.Dispose();
            }
        });

        Assert.Equal("no space left on device", exception.KuboMessage);
    }

    [Fact]
    public async Task TrailerAfterLines_ThrowsKuboStreamException()
    {
        using var response = Response(HttpStatusCode.OK, "{\"Cid\":\"bafkqaaa\",\"Type\":\"direct\",\"Name\":\"\"}\n");
        response.TrailingHeaders.Add("X-Stream-Error", "context deadline exceeded");
        var lines = 0;

        var exception = await Assert.ThrowsAsync<KuboStreamException>(async () =>
        {
            await foreach (var line in KuboResponses.ReadLinesAsync("pin/ls", response, 1024, 10, CancellationToken.None))
            {
                line.Dispose();
                lines++;
            }
        });

        Assert.Equal(1, lines);
        Assert.Equal("context deadline exceeded", exception.TrailerMessage);
    }

    [Theory]
    [InlineData("{\"a\":\"" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" + "\"}\n")]
    [InlineData("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n")]
    [InlineData("{\"a\":1}\nnot json\n")]
    public async Task OversizeOrMalformedStreams_AreRefused(string body)
    {
        using var response = Response(HttpStatusCode.OK, body);

        await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var line in KuboResponses.ReadLinesAsync("pin/ls", response, maxLineBytes: 64, maxLines: 2, CancellationToken.None))
            {
                line.Dispose();
            }
        });
    }

    [Fact]
    public async Task LastLineWithoutNewline_IsRead()
    {
        using var response = Response(HttpStatusCode.OK, "{\"a\":1}\n\n{\"a\":2}");
        var values = new List<int>();

        await foreach (var line in KuboResponses.ReadLinesAsync("add", response, 64, 10, CancellationToken.None))
        {
            using (line)
            {
                values.Add(line.RootElement.GetProperty("a").GetInt32());
            }
        }

        Assert.Equal([1, 2], values);
    }

    private static HttpResponseMessage Response(HttpStatusCode status, string body) =>
        new(status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
}
