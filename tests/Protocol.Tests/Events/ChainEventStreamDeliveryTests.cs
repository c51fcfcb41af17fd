using System.Diagnostics.Metrics;
using DePinGpu.Protocol.Diagnostics;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Tests.Support;

namespace DePinGpu.Protocol.Tests.Events;

/// <summary>
/// What a batch holds (against a scripted in-process node): logs that do not fit the range read again rather than
/// delivered, chain order whatever the node's order, no empty batches, the metrics of each poll, and a node that is
/// behind reported as an outage naming the block.
/// </summary>
public sealed class ChainEventStreamDeliveryTests : IDisposable
{
    private readonly string _folder = ScriptedStream.NewFolder();

    public void Dispose() => ScriptedStream.DeleteFolder(_folder);

    public static TheoryData<string> Corruptions => ["removed", "below", "above", "first hash", "last hash"];

    [Theory]
    [MemberData(nameof(Corruptions))]
    public async Task LogsThatDoNotFitTheRangeRead_AreReadAgain_NotDelivered(string corruption)
    {
        using var chain = Numbered(6);
        var corrupt = true;
        chain.RewriteLogs = logs => corrupt ? [.. logs.Select((log, i) => i == (corruption == "last hash" ? logs.Count - 1 : 0) ? Corrupt(log, corruption) : log)] : logs;
        using var store = ScriptedStream.Store(_folder);
        var stream = ScriptedStream.Create(chain, store, ScriptedStream.Options(range: 3, start: 1));
        var handler = new BatchRecorder();

        Assert.True(await stream.StepAsync(handler, CancellationToken.None));
        Assert.Empty(handler.Batches);
        Assert.Null(store.Load("test"));
        corrupt = false;
        Assert.True(await stream.StepAsync(handler, CancellationToken.None));

        Assert.Equal([1, 2, 3], handler.Values());
        Assert.Equal(["logs 1..3", "logs 1..3"], chain.Requests.Where(r => r.StartsWith("logs", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Batch_IsInChainOrder_WhateverTheNodesOrder_AndLeavesOutWhatTheDecoderSkips()
    {
        using var chain = new ScriptedChain(2);
        chain.Mine(20, 21, 22);
        chain.Mine(30, 31);
        chain.RewriteLogs = logs => [.. logs.Reverse().Select(log => log.Value == 21 ? log with { Topics = 2 } : log)];
        using var store = ScriptedStream.Store(_folder);
        var stream = ScriptedStream.Create(chain, store, ScriptedStream.Options(start: 1));
        var handler = new BatchRecorder();

        Assert.False(await stream.StepAsync(handler, CancellationToken.None));

        var batch = Assert.Single(handler.Batches);
        Assert.Equal([20, 22, 30, 31], handler.Values());
        Assert.Equal((1ul, 3ul, new ChainPosition(3, chain.HashOf(3))), (batch.FromBlock, batch.ToBlock, batch.Position));
    }

    [Fact]
    public async Task RangeWithoutEvents_IsNoBatch_ButMovesTheCursor()
    {
        using var chain = new ScriptedChain(5);
        using var store = ScriptedStream.Store(_folder);
        var stream = ScriptedStream.Create(chain, store, ScriptedStream.Options());
        var handler = new BatchRecorder();

        Assert.False(await stream.StepAsync(handler, CancellationToken.None));

        Assert.Empty(handler.Batches);
        Assert.Equal((5ul, new ChainPosition(4, chain.HashOf(4))), (store.Load("test")!.Next, store.Load("test")!.Anchor));
    }

    [Fact]
    public async Task Metrics_ShowTheHead_TheLagBeforeAndAfterDelivery_AndTheEventsDelivered()
    {
        using var chain = Numbered(11);
        using var store = ScriptedStream.Store(_folder);
        using var meter = new Meter("test-" + Guid.NewGuid().ToString("N"));
        using var listener = new MetricsRecorder(meter);
        var stream = ScriptedStream.Create(chain, store, ScriptedStream.Options(confirmations: 2, range: 4), metrics: new ChainMetrics(meter));
        var handler = new BatchRecorder();

        Assert.True(await stream.StepAsync(handler, CancellationToken.None));
        // First poll: nothing delivered yet (lag counted from block 0), then blocks 0..3 delivered under head 10.
        Assert.Equal([10, 10], listener.Values("depingpu.chain.head"));
        Assert.Equal([10, 7], listener.Values("depingpu.chain.events.lag"));
        Assert.Equal([4], listener.Values("depingpu.chain.events.delivered"));

        await ScriptedStream.DrainAsync(stream, handler);
        listener.Clear();
        Assert.False(await stream.StepAsync(handler, CancellationToken.None));
        Assert.Equal([2], listener.Values("depingpu.chain.events.lag")); // caught up under 2 confirmations: lag 2, from the cursor
        Assert.Empty(listener.Values("depingpu.chain.events.delivered"));
    }

    [Fact]
    public async Task NodeWithoutABlockTheStreamNeeds_IsAnOutageNamingTheBlock_NotAReorg()
    {
        using var chain = Numbered(6);
        chain.Intercept = request => request == "block 3" ? new ScriptedAnswer(200, "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":null}") : null;
        using var store = ScriptedStream.Store(_folder);
        var stream = ScriptedStream.Create(chain, store, ScriptedStream.Options(range: 3, start: 3));
        var handler = new BatchRecorder();

        var error = await Assert.ThrowsAsync<RpcTransportException>(() => stream.StepAsync(handler, CancellationToken.None));

        Assert.Contains("does not have block 3", error.Message, StringComparison.Ordinal);
        chain.Intercept = null;
        await ScriptedStream.DrainAsync(stream, handler);
        Assert.Equal([3, 4, 5], handler.Values());
        Assert.Empty(handler.Rollbacks);
    }

    [Fact]
    public void Constructor_RefusesMissingPartsAndUnworkableOptions()
    {
        using var chain = new ScriptedChain();
        using var rpc = chain.Rpc();
        using var store = ScriptedStream.Store(_folder);
        var decoder = new RawLogDecoder(ScriptedChain.Address);
        var options = ScriptedStream.Options();

        Assert.Equal("rpc", Assert.Throws<ArgumentNullException>(() => new ChainEventStream(null!, decoder, store, options)).ParamName);
        Assert.Equal("decoder", Assert.Throws<ArgumentNullException>(() => new ChainEventStream(rpc, null!, store, options)).ParamName);
        Assert.Equal("store", Assert.Throws<ArgumentNullException>(() => new ChainEventStream(rpc, decoder, null!, options)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => new ChainEventStream(rpc, decoder, store, options with { HistoryDepth = 1 })).ParamName);
    }

    private static ScriptedLog Corrupt(ScriptedLog log, string corruption) => corruption switch
    {
        "removed" => log with { Removed = true },
        "below" => log with { BlockNumber = 0 },
        "above" => log with { BlockNumber = 4 },
        "first hash" or "last hash" => log with { BlockHash = ScriptedChain.Hash(7, log.BlockNumber) },
        _ => throw new ArgumentOutOfRangeException(nameof(corruption)),
    };

    private static ScriptedChain Numbered(int blocks)
    {
        var chain = new ScriptedChain(0);
        for (var value = 0; value < blocks; value++)
        {
            chain.Mine(value);
        }

        return chain;
    }
}
