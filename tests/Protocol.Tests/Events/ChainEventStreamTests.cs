using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Tests.Support;

namespace DePinGpu.Protocol.Tests.Events;

public sealed class ChainEventStreamTests(AnvilFixture fixture) : IClassFixture<AnvilFixture>, IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "depin-stream-" + Guid.NewGuid().ToString("N"));
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

    private ChainCursorStore Store(string name = "cursor.db") => new(Path.Combine(_directory, name));

    private ChainEventStream Stream(ChainCursorStore store, uint confirmations, uint range = 2000, TestLogger<ChainEventStream>? logger = null) =>
        new(_chain.Rpc, new RawLogDecoder(_emitter.Address), store, new ChainEventStreamOptions
        {
            Name = "test",
            StartBlock = _emitter.DeployedAt,
            Confirmations = confirmations,
            MaxBlockRange = range,
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

    [Fact]
    public async Task Stream_DeliversEventsInChainOrder_OnlyOnceConfirmed_AcrossSmallRanges()
    {
        await EmitAsync([.. Enumerable.Range(1, 30).Select(i => (long)i)]);
        using var store = Store();
        var stream = Stream(store, confirmations: 3, range: 4);
        var handler = new RecordingHandler();

        await DrainAsync(stream, handler);
        Assert.Equal(Enumerable.Range(1, 27).Select(i => (long)i), handler.LiveValues());

        await _chain.MineAsync(3);
        await DrainAsync(stream, handler);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), handler.LiveValues());
        Assert.Equal(handler.Live.OrderBy(e => e.BlockNumber).ThenBy(e => e.LogIndex), handler.Live);
        Assert.Equal(30, handler.Deliveries.Count);
    }

    [Fact]
    public async Task Reorg_ShallowerThanConfirmations_OrphanedEventsAreNeverDelivered()
    {
        await EmitAsync(1, 2, 3);
        var snapshot = await _chain.SnapshotAsync();
        await EmitAsync(4, 5);
        using var store = Store();
        var stream = Stream(store, confirmations: 3);
        var handler = new RecordingHandler();
        await DrainAsync(stream, handler);

        await _chain.RevertAsync(snapshot);
        _emitter.SendFrom(await LogEmitter.FreshSenderAsync(_chain));
        await EmitAsync(6, 7, 8);
        await _chain.MineAsync(3);
        await DrainAsync(stream, handler);

        Assert.Equal(await CanonicalValuesAsync(), handler.LiveValues());
        Assert.Equal([1, 2, 3, 6, 7, 8], handler.Deliveries.Cast<EmittedEvent>().Select(e => e.Value));
        Assert.Empty(handler.Rollbacks);
    }

    [Fact]
    public async Task Reorg_OfDeliveredBlocks_RollsBackAndReplaysCanonicalEventsOnce()
    {
        await EmitAsync(1, 2, 3);
        var snapshot = await _chain.SnapshotAsync();
        await EmitAsync(4, 5);
        using var store = Store();
        var stream = Stream(store, confirmations: 0);
        var handler = new RecordingHandler();
        await DrainAsync(stream, handler);
        Assert.Equal([1, 2, 3, 4, 5], handler.LiveValues());

        await _chain.RevertAsync(snapshot);
        _emitter.SendFrom(await LogEmitter.FreshSenderAsync(_chain));
        await EmitAsync(6, 7, 8);
        await DrainAsync(stream, handler);

        var canonical = await CanonicalValuesAsync();
        Assert.Equal([1, 2, 3, 6, 7, 8], canonical);
        Assert.Equal(canonical, handler.LiveValues());
        var rollback = Assert.Single(handler.Rollbacks);
        Assert.True(rollback.To.Number < rollback.From.Number);
        Assert.Equal(handler.LiveValues().Distinct(), handler.LiveValues());
    }

    [Fact]
    public async Task AnvilStopAndRestart_OnTheSamePort_ResumesWithoutLossOrDuplicates_LoggingOncePerStateChange()
    {
        await EmitAsync(1, 2, 3);
        using var store = Store();
        var logger = new TestLogger<ChainEventStream>();
        var stream = Stream(store, confirmations: 0, logger: logger);
        var handler = new RecordingHandler();
        using var cancellation = new CancellationTokenSource();
        var running = stream.RunAsync(handler, cancellation.Token);
        await WaitUntilAsync(() => handler.Live.Count == 3);

        await _chain.StopAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(800));
        await _chain.RestartAsync();
        await EmitAsync(4, 5);
        await WaitUntilAsync(() => handler.Live.Count == 5 || running.IsCompleted, () => string.Join("\n", logger.Entries.Select(e => $"{e.EventId.Id} {e.Message}")) + running.Exception);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        Assert.Equal([1, 2, 3, 4, 5], handler.LiveValues());
        Assert.Equal(5, handler.Deliveries.Count);
        Assert.Equal(1, logger.Count(1101));
        Assert.Equal(1, logger.Count(1102));
    }

    [Fact]
    public async Task ProcessRestart_ResumesFromThePersistedCursor()
    {
        await EmitAsync(1, 2, 3, 4);
        var first = new RecordingHandler();
        using (var store = Store())
        {
            await DrainAsync(Stream(store, confirmations: 0), first);
        }

        await EmitAsync(5, 6);
        var second = new RecordingHandler();
        using (var store = Store())
        {
            await DrainAsync(Stream(store, confirmations: 0), second);
        }

        Assert.Equal([1, 2, 3, 4], first.LiveValues());
        Assert.Equal([5, 6], second.LiveValues());
    }

    [Fact]
    public async Task ConsumerCrash_RedeliversTheUnhandledBatch_AndNothingAfterIt()
    {
        await EmitAsync(1, 2, 3, 4, 5, 6);
        var crashing = new RecordingHandler { FailOnBatch = 2 };
        using (var store = Store())
        {
            var stream = Stream(store, confirmations: 0, range: 2);
            await Assert.ThrowsAsync<InvalidOperationException>(() => stream.RunAsync(crashing, CancellationToken.None));
        }

        var resumed = new RecordingHandler();
        using (var store = Store())
        {
            await DrainAsync(Stream(store, confirmations: 0, range: 2), resumed);
        }

        Assert.Equal(crashing.LiveValues().Concat(resumed.LiveValues()), [1, 2, 3, 4, 5, 6]);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string>? explain = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The stream did not deliver in time. " + explain?.Invoke());
            await Task.Delay(20);
        }
    }
}
