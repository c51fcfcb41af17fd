using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Gateway;

/// <summary>
/// <c>Range</c> on a file's bytes, checked with .NET's HttpClient and with curl: every expectation is a slice of the
/// original content (never of what our exporter reads), so a walker bug cannot hide behind itself.
/// </summary>
public sealed class ByteRangeTests : IAsyncLifetime
{
    private const string FileBytes = "application/octet-stream";
    private static readonly byte[] Content = TestData.Random((3 * TestData.MiB) + 12345, seed: 21);
    private readonly CountingBlockStore _store = new(new MemoryBlockStore());
    private RunningGateway? _gateway;
    private Cid? _file;

    private RunningGateway Gateway => _gateway!;

    private long Size => Content.Length;

    public async Task InitializeAsync()
    {
        _file = (await new UnixFsImporter().ImportBytesAsync(Content, _store)).Cid;
        _gateway = await RunningGateway.StartAsync(_store);
    }

    public async Task DisposeAsync() => await Gateway.DisposeAsync();

    [Theory]
    [InlineData(100L, 199L)]
    [InlineData(262000L, 262400L)]
    [InlineData(0L, 0L)]
    public async Task SingleRange_Is206WithExactlyThoseBytes(long first, long last)
    {
        using var response = await GetAsync(new RangeHeaderValue(first, last));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {first}-{last}/{Size}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(Content[(int)first..((int)last + 1)], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task SuffixRange_IsTheLastBytes()
    {
        using var response = await GetAsync(new RangeHeaderValue(null, 500));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {Size - 500}-{Size - 1}/{Size}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(Content[^500..], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task OpenEndedRange_RunsToTheEnd_AndAnEndPastTheFileIsClamped()
    {
        using var openEnded = await GetAsync(new RangeHeaderValue(Size - 1000, null));
        using var pastEnd = await GetAsync(new RangeHeaderValue(10, Size * 10));

        Assert.Equal(Content[^1000..], await openEnded.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.PartialContent, pastEnd.StatusCode);
        Assert.Equal(Content[10..], await pastEnd.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task UnsatisfiableRange_Is416WithTheSize()
    {
        using var pastEnd = await GetAsync(new RangeHeaderValue(Size, null));
        using var emptySuffix = await GetAsync(new RangeHeaderValue(null, 0));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, pastEnd.StatusCode);
        Assert.Equal($"bytes */{Size}", pastEnd.Content.Headers.ContentRange!.ToString());
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, emptySuffix.StatusCode);
    }

    [Fact]
    public async Task NoRange_OrSeveralRanges_SendsTheWholeFileWithAcceptRanges()
    {
        using var whole = await GetAsync(null);
        var several = new RangeHeaderValue();
        several.Ranges.Add(new RangeItemHeaderValue(0, 1));
        several.Ranges.Add(new RangeItemHeaderValue(5, 6));
        using var multi = await GetAsync(several);

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("bytes", whole.Headers.AcceptRanges.Single());
        Assert.Equal(Content, await whole.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, multi.StatusCode);
        Assert.Equal(Size, multi.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task RangeInTheLastChunk_ReadsOnlyTheBlocksOnItsPath()
    {
        _store.Reset();

        using var response = await GetAsync(new RangeHeaderValue(Size - 10, null));
        await response.Content.ReadAsByteArrayAsync();

        // 13 leaves under one root: the root (read for the size, then for the walk) and the last leaf only.
        Assert.Equal(2, _store.Read.Count);
    }

    [Fact]
    public async Task Curl_RangeRequest_GetsTheSameBytes()
    {
        var output = Path.GetTempFileName();
        try
        {
            var url = new Uri(Gateway.BaseAddress, $"ipfs/{_file}").ToString();
            var start = new ProcessStartInfo("curl", ["-s", "-f", "-r", "1000-300000", "-H", $"Accept: {FileBytes}", "-o", output, "-w", "%{http_code}", url])
            {
                RedirectStandardOutput = true,
            };
            using var curl = Process.Start(start)!;
            var status = await curl.StandardOutput.ReadToEndAsync();
            await curl.WaitForExitAsync();

            Assert.Equal("206", status);
            Assert.Equal(Content[1000..300001], await File.ReadAllBytesAsync(output));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task DirectoryAsFileBytes_Is400()
    {
        var directory = await UnixFsFixture.AddDirectoryAsync(_store, ("f", _file!, 1));
        var request = new HttpRequestMessage(HttpMethod.Get, $"ipfs/{directory.Cid}");
        request.Headers.Accept.ParseAdd(FileBytes);

        using var response = await Gateway.Client.SendAsync(request);
        using var throughPath = await GetAsync(new RangeHeaderValue(0, 9), $"ipfs/{directory.Cid}/f");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(Content[..10], await throughPath.Content.ReadAsByteArrayAsync());
    }

    private async Task<HttpResponseMessage> GetAsync(RangeHeaderValue? range, string? path = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path ?? $"ipfs/{_file}");
        request.Headers.Accept.ParseAdd(FileBytes);
        request.Headers.Range = range;
        return await Gateway.Client.SendAsync(request);
    }
}
