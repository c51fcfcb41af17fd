using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Tests.Support;

namespace DePinGpu.Protocol.Tests.Events;

/// <summary>
/// The cursor is saved after the handler returns, in its own file: a crash in between delivers the batch again.
/// These tests pin that contract down, and show the idempotent handler it asks for.
/// </summary>
public sealed class AtLeastOnceDeliveryTests(AnvilFixture fixture) : IClassFixture<AnvilFixture>, IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "depin-once-" + Guid.NewGuid().ToString("N"));
    private readonly AnvilChain _chain = fixture.Chain;
    private LogEmitter _emitter = null!;

    public async Task InitializeAsync() => _emitter = await LogEmitter.DeployAsync(await LogEmitter.FreshSenderAsync(_chain));

    public Task DisposeAsync()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    private string CursorPath => Path.Combine(_directory, "cursor.db");

    private ChainEventStream Stream(ChainCursorStore store) =>
        new(_chain.Rpc, new RawLogDecoder(_emitter.Address), store, new ChainEventStreamOptions { Name = "once", StartBlock = _emitter.DeployedAt, Confirmations = 0, MaxBlockRange = 2 });

    [Fact]
    public async Task CrashAfterTheHandlerRan_BeforeTheCursorWasSaved_DeliversTheBatchAgain_AndAnIdempotentHandlerAppliesItOnce()
    {
        foreach (var value in new long[] { 1, 2, 3, 4 })
        {
            await _emitter.EmitAsync(value);
        }

        var applied = new IdempotentSum();
        var seen = new List<long>();
        var store = new ChainCursorStore(CursorPath);
        var crashing = new CrashBeforeCommit(store, applied, seen);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Stream(store).StepAsync(crashing, CancellationToken.None));
        var firstBatch = seen.ToArray();

        using (var reopened = new ChainCursorStore(CursorPath))
        {
            var resumed = new CrashBeforeCommit(null, applied, seen);
            var stream = Stream(reopened);
            while (await stream.StepAsync(resumed, CancellationToken.None))
            {
            }
        }

        Assert.NotEmpty(firstBatch);
        Assert.Equal(firstBatch, seen.Take(firstBatch.Length));
        Assert.Equal(firstBatch, seen.Skip(firstBatch.Length).Take(firstBatch.Length));
        Assert.Equal([1, 2, 3, 4], seen.Distinct());
        Assert.Equal(10, applied.Total);
    }

    /// <summary>Keeps a sum keyed by (transaction, log index): a repeated event changes nothing.</summary>
    private sealed class IdempotentSum
    {
        private readonly HashSet<(string Transaction, uint LogIndex)> _applied = [];

        public long Total { get; private set; }

        public void Apply(EmittedEvent emitted)
        {
            if (_applied.Add((emitted.TransactionHash, emitted.LogIndex)))
            {
                Total += emitted.Value;
            }
        }
    }

    /// <summary>Handles a batch, then — when given the store — closes it, so the stream's cursor save fails like a crash would.</summary>
    private sealed class CrashBeforeCommit(ChainCursorStore? storeToClose, IdempotentSum applied, List<long> seen) : IChainEventHandler
    {
        public Task HandleAsync(ChainEventBatch batch, CancellationToken cancellationToken)
        {
            foreach (var emitted in batch.Events.Cast<EmittedEvent>())
            {
                seen.Add(emitted.Value);
                applied.Apply(emitted);
            }

            storeToClose?.Dispose();
            return Task.CompletedTask;
        }

        public Task RollbackAsync(ChainRollback rollback, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No reorg in this test.");
    }
}
