using DePinGpu.Ipfs.Fetching;
using DePinGpu.Libp2p.Multiformats;
using Xunit;

namespace DePinGpu.Ipfs.Tests.Fetching;

public sealed class FallbackContentFetcherTests
{
    private static readonly Cid Root = Cid.ForBlock(MulticodecCode.Raw, "checkpoint"u8.ToArray());

    [Fact]
    public async Task Fetch_FirstWayCompletes_DoesNotAskTheNext()
    {
        var first = new RecordingFetcher(complete: true, error: null);
        var second = new RecordingFetcher(complete: true, error: null);

        var result = await new FallbackContentFetcher([first, second]).FetchDagAsync(Root, "pin");

        Assert.True(result.IsComplete);
        Assert.Equal((1, 0), (first.Calls, second.Calls));
    }

    [Fact]
    public async Task Fetch_FirstWayFails_CompletesThroughTheNextWithTheSamePinName()
    {
        var first = new RecordingFetcher(complete: false, error: "no peer has it");
        var second = new RecordingFetcher(complete: true, error: null);

        var result = await new FallbackContentFetcher([first, second]).FetchDagAsync(Root, "resume 7");

        Assert.True(result.IsComplete);
        Assert.Equal((1, 1), (first.Calls, second.Calls));
        Assert.Equal("resume 7", second.PinName);
    }

    [Fact]
    public async Task Fetch_EveryWayFails_NamesEachReason()
    {
        var result = await new FallbackContentFetcher([new RecordingFetcher(false, "no peer has it"), new RecordingFetcher(false, "gateway answered 404")])
            .FetchDagAsync(Root);

        Assert.False(result.IsComplete);
        Assert.Contains("no peer has it", result.Error, StringComparison.Ordinal);
        Assert.Contains("gateway answered 404", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithoutAnyWay_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new FallbackContentFetcher([]));

    /// <summary>A fetcher whose outcome the test sets, recording how it was called.</summary>
    private sealed class RecordingFetcher(bool complete, string? error) : IContentFetcher
    {
        public int Calls { get; private set; }

        public string? PinName { get; private set; }

        public Task<ContentFetchResult> FetchDagAsync(Cid root, string? pinName = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            PinName = pinName;
            return Task.FromResult(new ContentFetchResult(root, complete, complete ? 1 : 0, 0, 0, error));
        }
    }
}
