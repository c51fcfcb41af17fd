using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Tests.Support;

namespace DePinGpu.Protocol.Tests.Events;

/// <summary>
/// Which blocks the stream reads and when (against a scripted in-process node, request by request): the exact ranges,
/// the header reads it saves, the confirmations boundary, and the range it narrows to when the node refuses one.
/// </summary>
public sealed class ChainEventStreamRangeTests : IDisposable
{
    private readonly string _folder = ScriptedStream.NewFolder();

    public void Dispose() => ScriptedStream.DeleteFolder(_folder);

    [Fact]
    public async Task Stream_ReadsRangesOfExactlyTheMaximum_AndOnlyTheHeadersItLacks()
    {
        using var chain = new ScriptedChain(8);
        using var store = ScriptedStream.Store(_folder);
        var stream = ScriptedStream.Create(chain, store, ScriptedStream.Options(range: 3, start: 2));
        var handler = new BatchRecorder();

        Assert.True(await stream.StepAsync(handler, CancellationToken.None));
        Assert.False(await stream.StepAsync(handler, CancellationToken.None));
        Assert.False(await stream.StepAsync(handler, CancellationToken.None));
        chain.Mine(1);
        Assert.False(await stream.StepAsync(handler, CancellationToken.None));

        // Block 1 anchors the start; 2..4 needs both ends; 5..7 ends at the head just read; caught up under an unchanged
        // head only the head is read; a range that is the head alone needs no header read at all.
        Assert.Equal(
            ["block 1", "latest", "block 2", "block 4", "logs 2..4", "latest", "block 5", "logs 5..7", "latest", "latest", "logs 8..8"],
            chain.Requests);
        Assert.Equal([1], handler.Values());
        Assert.Empty(handler.Rollbacks);
        Assert.Equal(9ul, store.Load("test")!.Next);
    }

    [Fact]
    public async Task Confirmations_ABlockExactlyThatDeepIsDelivered_OneAboveItIsNot()
    {
        using var chain = new ScriptedChain(0);
        for (var value = 0; value <= 10; value++)
        {
            chain.Mine(value);
        }

        using var store = ScriptedStream.Store(_folder);
        var stream = ScriptedStream.Create(chain, store, ScriptedStream.Options(confirmations: 2));
        var handler = new BatchRecorder();

        Assert.False(await stream.StepAsync(handler, CancellationToken.None));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8], handler.Values());
        Assert.False(await stream.StepAsync(handler, CancellationToken.None));
        Assert.Single(handler.Batches);
        chain.Mine(11);
        Assert.False(await stream.StepAsync(handler, CancellationToken.None));

        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], handler.Values());
        var last = handler.Batches[^1];
        Assert.Equal((9ul, 9ul), (last.FromBlock, last.ToBlock));
        Assert.Equal(new ChainPosition(9, chain.HashOf(9)), last.Position);
        Assert.Equal(10ul, store.Load("test")!.Next);
    }

    [Theory]
    [InlineData(1, new long[0])] // head 1 is below 2 confirmations: nothing is safe yet
    [InlineData(2, new long[] { 0 })] // head 2: block 0 has exactly 2 confirmations
    public async Task Confirmations_AtTheStartOfTheChain_CountFromBlockZero(int height, long[] expected)
    {
        using var chain = new ScriptedChain(0);
        for (var value = 0; value <= height; value++)
        {
            chain.Mine(value);
        }

        using var store = ScriptedStream.Store(_folder);
        var stream = ScriptedStream.Create(chain, store, ScriptedStream.Options(confirmations: 2));
        var handler = new BatchRecorder();

        Assert.False(await stream.StepAsync(handler, CancellationToken.None));

        Assert.Equal(expected, handler.Values());
        Assert.Equal(expected.Length == 0 ? null : 1ul, store.Load("test")?.Next);
    }

    [Fact]
    public async Task RefusedRange_IsHalvedUntilTheNodeTakesIt_AndStaysThere()
    {
        using var chain = new ScriptedChain(25);
        chain.Intercept = request => request.StartsWith("logs ", StringComparison.Ordinal) && Width(request) > 3
            ? ScriptedAnswer.Error(-32005, "query returned more than 10000 results")
            : null;
        using var store = ScriptedStream.Store(_folder);
        var logger = new TestLogger<ChainEventStream>();
        var stream = ScriptedStream.Create(chain, store, ScriptedStream.Options(range: 20), logger);
        var handler = new BatchRecorder();

        Assert.True(await stream.StepAsync(handler, CancellationToken.None)); // refused: read the range again, at once
        Assert.Null(store.Load("test"));
        await ScriptedStream.DrainAsync(stream, handler);

        var ranges = chain.Requests.Where(r => r.StartsWith("logs ", StringComparison.Ordinal));
        Assert.Equal(["logs 0..19", "logs 0..9", "logs 0..4", "logs 0..1", "logs 2..3", "logs 4..5"], ranges.Take(6));
        var reductions = logger.Entries.Where(e => e.EventId.Id == 1105).Select(e => e.Message).ToArray();
        Assert.Equal(3, reductions.Length);
        Assert.Contains("reading 10 blocks per call now (query returned more than 10000 results)", reductions[0], StringComparison.Ordinal);
        Assert.Contains("reading 5 blocks per call now", reductions[1], StringComparison.Ordinal);
        Assert.Contains("reading 2 blocks per call now", reductions[2], StringComparison.Ordinal);
        Assert.Equal(25ul, store.Load("test")!.Next);
    }

    [Theory]
    [InlineData(-32005, "anything")]
    [InlineData(-32000, "block RANGE too large")]
    [InlineData(-32000, "Too Many results")]
    [InlineData(-32000, "response size LIMIT exceeded")]
    public async Task RangeRefusal_IsKnownByItsCodeOrItsWords(int code, string message)
    {
        using var chain = new ScriptedChain(10);
        var refused = 0;
        chain.Intercept = request => request == "logs 0..9" && refused++ == 0 ? ScriptedAnswer.Error(code, message) : null;
        using var store = ScriptedStream.Store(_folder);
        var stream = ScriptedStream.Create(chain, store, ScriptedStream.Options(range: 10));

        Assert.True(await stream.StepAsync(new BatchRecorder(), CancellationToken.None));
        Assert.True(await stream.StepAsync(new BatchRecorder(), CancellationToken.None));

        Assert.Equal("logs 0..4", chain.Requests[^1]);
    }

    [Theory]
    [InlineData(10u, -32000, "execution reverted")] // another error: an outage to back off from, the range kept
    [InlineData(1u, -32005, "query exceeds max block range")] // one block refused: nothing narrower to try
    public async Task ErrorThatNoNarrowerRangeCures_IsThrown_AndTheRangeIsKept(uint range, int code, string message)
    {
        using var chain = new ScriptedChain(10);
        var refused = 0;
        chain.Intercept = request => request.StartsWith("logs ", StringComparison.Ordinal) && refused++ == 0 ? ScriptedAnswer.Error(code, message) : null;
        using var store = ScriptedStream.Store(_folder);
        var stream = ScriptedStream.Create(chain, store, ScriptedStream.Options(range: range));

        var error = await Assert.ThrowsAsync<RpcErrorException>(() => stream.StepAsync(new BatchRecorder(), CancellationToken.None));
        await stream.StepAsync(new BatchRecorder(), CancellationToken.None);

        Assert.Equal(code, error.Code);
        Assert.Equal($"logs 0..{range - 1}", chain.Requests[^1]);
    }

    private static ulong Width(string request)
    {
        var bounds = request["logs ".Length..].Split("..");
        return ulong.Parse(bounds[1], System.Globalization.CultureInfo.InvariantCulture) - ulong.Parse(bounds[0], System.Globalization.CultureInfo.InvariantCulture) + 1;
    }
}
