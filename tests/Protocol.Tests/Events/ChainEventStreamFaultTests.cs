using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Tests.Support;

namespace DePinGpu.Protocol.Tests.Events;

/// <summary>
/// The stream against what the daemon will meet in production: reorgs deeper than its memory, reorgs onto a shorter
/// chain, reorgs while the process is down, and RPC providers that refuse wide log ranges.
/// </summary>
public sealed class ChainEventStreamFaultTests(AnvilFixture fixture) : IClassFixture<AnvilFixture>, IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "depin-stream-faults-" + Guid.NewGuid().ToString("N"));
    private readonly AnvilChain _chain = fixture.Chain;
    private LogEmitter _emitter = null!;

    // Each test emits from its own fresh key and emitter: a reorg test drops that key's transactions.
    public async Task InitializeAsync() => _emitter = await LogEmitter.DeployAsync(await LogEmitter.FreshSenderAsync(_chain));

    public Task DisposeAsync()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Reorg_DeeperThanTheRememberedHistory_ThrowsTooDeep_AndChangesNothing()
    {
        var snapshot = await _chain.SnapshotAsync();
        await EmitAsync(1, 2, 3, 4, 5, 6);
        using var store = Store();
        var logger = new TestLogger<ChainEventStream>();
        var stream = Stream(_chain.Rpc, store, range: 1, historyDepth: 2, logger: logger);
        var handler = new RecordingHandler();
        await DrainAsync(stream, handler);
        var before = store.Load("test");

        await _chain.RevertAsync(snapshot);
        _emitter.SendFrom(await LogEmitter.FreshSenderAsync(_chain));
        await EmitAsync(7, 8, 9, 10, 11, 12, 13);
        var error = await Assert.ThrowsAsync<ChainReorgTooDeepException>(() => DrainAsync(stream, handler));

        Assert.Contains("stream 'test'", error.Message, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3, 4, 5, 6], handler.LiveValues());
        Assert.Empty(handler.Rollbacks);
        var after = store.Load("test");
        Assert.Equal(before!.Next, after!.Next);
        Assert.Equal(before.Anchor, after.Anchor);
        Assert.Equal(before.History, after.History);
        Assert.Equal(1, logger.Count(1104));
    }

    [Fact]
    public async Task Reorg_OntoAShorterChain_WaitsWithoutDeliveringOrRollingBack_ThenRollsBackOnceTheBranchPassesIt()
    {
        await EmitAsync(1, 2);
        var snapshot = await _chain.SnapshotAsync();
        await EmitAsync(3, 4, 5);
        using var store = Store();
        var stream = Stream(_chain.Rpc, store);
        var handler = new RecordingHandler();
        await DrainAsync(stream, handler);
        Assert.Equal([1, 2, 3, 4, 5], handler.LiveValues());

        await _chain.RevertAsync(snapshot);
        _emitter.SendFrom(await LogEmitter.FreshSenderAsync(_chain));
        await EmitAsync(6); // two blocks where three were: the new head is below the last delivered block

        // A head below what was delivered looks the same as a node that is behind (syncing, restarted): an outage, not a reorg.
        await Assert.ThrowsAsync<RpcTransportException>(() => DrainAsync(stream, handler));
        Assert.Equal([1, 2, 3, 4, 5], handler.LiveValues());
        Assert.Empty(handler.Rollbacks);
        await _chain.MineAsync(2);
        using var running = new CancellationTokenSource();
        var run = stream.RunAsync(handler, running.Token);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!handler.LiveValues().SequenceEqual([1, 2, 6]) && DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            await Task.Delay(20);
        }

        await running.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        var canonical = await CanonicalValuesAsync();
        Assert.Equal([1, 2, 6], canonical);
        Assert.Equal([1, 2, 6], handler.LiveValues());
        var rollback = Assert.Single(handler.Rollbacks);
        Assert.True(rollback.To.Number < rollback.From.Number);
    }

    [Fact]
    public async Task Reorg_WhileTheProcessIsDown_IsFoundOnRestart_AndReplayedOnce()
    {
        await EmitAsync(1, 2, 3);
        var snapshot = await _chain.SnapshotAsync();
        await EmitAsync(4, 5);
        var beforeRestart = new RecordingHandler();
        using (var store = Store())
        {
            await DrainAsync(Stream(_chain.Rpc, store, range: 1), beforeRestart);
        }

        await _chain.RevertAsync(snapshot);
        _emitter.SendFrom(await LogEmitter.FreshSenderAsync(_chain));
        await EmitAsync(6, 7, 8);
        var afterRestart = new RecordingHandler();
        using (var store = Store())
        {
            await DrainAsync(Stream(_chain.Rpc, store, range: 1), afterRestart);
        }

        Assert.Equal([1, 2, 3, 4, 5], beforeRestart.LiveValues());
        var rollback = Assert.Single(afterRestart.Rollbacks);
        Assert.Equal([6, 7, 8], afterRestart.Deliveries.Cast<EmittedEvent>().Select(e => e.Value));
        Assert.True(rollback.To.Number < rollback.From.Number);
        var canonical = await CanonicalValuesAsync();
        Assert.Equal([1, 2, 3, 6, 7, 8], canonical);
    }

    [Fact]
    public async Task RpcRefusingWideLogRanges_TheStreamNarrowsItsRange_AndMissesNothing()
    {
        await EmitAsync(1, 2, 3, 4, 5, 6, 7, 8, 9);
        await using var proxy = JsonRpcProxy.Start(_chain.RpcUrl);
        proxy.Rule = (method, parameters) => method == "eth_getLogs" && Width(parameters[0]) > 3
            ? new ProxyRule(ProxyAction.Refuse, -32005, "query exceeds max block range 3")
            : null;
        using var rpc = new EthereumRpc(proxy.Url, TimeSpan.FromSeconds(30));
        using var store = Store();
        var logger = new TestLogger<ChainEventStream>();
        var stream = Stream(rpc, store, range: 2000, logger: logger);
        var handler = new RecordingHandler();

        await DrainAsync(stream, handler);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], handler.LiveValues());
        Assert.Equal(handler.LiveValues().Distinct(), handler.LiveValues());
        Assert.InRange(logger.Count(1105), 1, 10); // 2000 halved until the node accepts it, not once per refusal forever
    }

    private static ulong Width(System.Text.Json.JsonElement filter) =>
        Convert.ToUInt64(filter.GetProperty("toBlock").GetString(), 16) - Convert.ToUInt64(filter.GetProperty("fromBlock").GetString(), 16) + 1;

    private ChainCursorStore Store() => new(Path.Combine(_directory, "cursor.db"));

    private ChainEventStream Stream(EthereumRpc rpc, ChainCursorStore store, uint range = 2000, int historyDepth = 512, TestLogger<ChainEventStream>? logger = null) =>
        new(rpc, new RawLogDecoder(_emitter.Address), store, new ChainEventStreamOptions
        {
            Name = "test",
            StartBlock = _emitter.DeployedAt,
            Confirmations = 0,
            MaxBlockRange = range,
            HistoryDepth = historyDepth,
            PollInterval = TimeSpan.FromMilliseconds(20),
            MinBackoff = TimeSpan.FromMilliseconds(20),
            MaxBackoff = TimeSpan.FromMilliseconds(200),
        }, logger);

    private static async Task DrainAsync(ChainEventStream stream, IChainEventHandler handler)
    {
        for (var i = 0; i < 10_000 && await stream.StepAsync(handler, CancellationToken.None); i++)
        {
        }
    }

    private async Task EmitAsync(params long[] values)
    {
        foreach (var value in values)
        {
            await _emitter.EmitAsync(value);
        }
    }

    private async Task<long[]> CanonicalValuesAsync()
    {
        var head = await _chain.Rpc.GetBlockNumberAsync(CancellationToken.None);
        var logs = await _chain.Rpc.GetLogsAsync(new LogFilter(0, head, [_emitter.Address], []), CancellationToken.None);
        return logs.Select(log => Convert.ToInt64(log.Topics[0][^16..], 16)).ToArray();
    }
}
