using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Tests.Support;

namespace DePinGpu.Protocol.Tests.Events;

/// <summary>
/// Reorgs against a scripted in-process node, figure by figure: the block the consumer is rolled back to, the cursor
/// stored after it, a reorg deeper than the remembered history, and the cursor a restarted stream resumes from.
/// </summary>
public sealed class ChainEventStreamReorgTests : IDisposable
{
    private readonly string _folder = ScriptedStream.NewFolder();

    public void Dispose() => ScriptedStream.DeleteFolder(_folder);

    [Fact]
    public async Task Reorg_RollsBackToTheNewestRememberedBlockStillCanonical_AndReplaysTheNewBranch()
    {
        using var chain = Numbered(10);
        using var store = ScriptedStream.Store(_folder);
        var logger = new TestLogger<ChainEventStream>();
        var stream = ScriptedStream.Create(chain, store, ScriptedStream.Options(range: 3), logger);
        var handler = new BatchRecorder();
        await ScriptedStream.DrainAsync(stream, handler);
        // Each range remembers its first and last block: 0..2, 3..5, 6..8, 9..9.
        Assert.Equal(Positions(chain, 0, 2, 3, 5, 6, 8, 9), store.Load("test")!.History);
        var replaced = chain.HashOf(9);

        chain.Fork(7);
        chain.Mine(70);
        chain.Mine(80);
        chain.Mine(90);
        chain.Mine(100);
        chain.ClearRequests();
        Assert.True(await stream.StepAsync(handler, CancellationToken.None));

        Assert.Equal(new ChainRollback(new ChainPosition(9, replaced), new ChainPosition(6, chain.HashOf(6))), Assert.Single(handler.Rollbacks));
        Assert.Equal(["latest", "block 9", "block 8", "block 6"], chain.Requests);
        var state = store.Load("test")!;
        Assert.Equal((7ul, new ChainPosition(6, chain.HashOf(6))), (state.Next, state.Anchor));
        Assert.Equal(Positions(chain, 0, 2, 3, 5, 6), state.History);
        var reorg = Assert.Single(logger.Entries, e => e.EventId.Id == 1103).Message;
        Assert.Contains($"reorg detected at block 9 ({replaced}); rolling back to block 6", reorg, StringComparison.Ordinal);
        await ScriptedStream.DrainAsync(stream, handler);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 70, 80, 90, 100], handler.Values());
    }

    [Fact]
    public async Task Reorg_BelowEveryRememberedBlock_ThrowsTooDeepNamingTheOldest_AndChangesNothing()
    {
        using var chain = Numbered(6);
        using var store = ScriptedStream.Store(_folder);
        var logger = new TestLogger<ChainEventStream>();
        var stream = ScriptedStream.Create(chain, store, ScriptedStream.Options(range: 1, historyDepth: 2), logger);
        var handler = new BatchRecorder();
        await ScriptedStream.DrainAsync(stream, handler);
        var before = store.Load("test")!;
        Assert.Equal(Positions(chain, 4, 5), before.History);

        chain.Fork(4);
        chain.MineEmpty(3);
        var error = await Assert.ThrowsAsync<ChainReorgTooDeepException>(() => stream.StepAsync(handler, CancellationToken.None));

        Assert.StartsWith("The chain reorganised below block 4, deeper than stream 'test' remembers.", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Rollbacks);
        var after = store.Load("test")!;
        Assert.Equal((before.Next, before.Anchor), (after.Next, after.Anchor));
        Assert.Equal(before.History, after.History);
        Assert.Contains("(oldest block 4)", Assert.Single(logger.Entries, e => e.EventId.Id == 1104).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reorg_WhoseAncestorIsTheOldestRememberedBlock_IsStillRolledBack()
    {
        using var chain = Numbered(6);
        using var store = ScriptedStream.Store(_folder);
        var stream = ScriptedStream.Create(chain, store, ScriptedStream.Options(range: 1, historyDepth: 2));
        var handler = new BatchRecorder();
        await ScriptedStream.DrainAsync(stream, handler);

        chain.Fork(5);
        chain.MineEmpty(2);
        Assert.True(await stream.StepAsync(handler, CancellationToken.None));

        Assert.Equal(new ChainPosition(4, chain.HashOf(4)), Assert.Single(handler.Rollbacks).To);
        Assert.Equal([new ChainPosition(4, chain.HashOf(4))], store.Load("test")!.History);
    }

    [Fact]
    public async Task CaughtUp_ReorgToTheSameHeight_IsFoundByTheAnchorCheck_AndRolledBack()
    {
        using var chain = Numbered(6);
        using var store = ScriptedStream.Store(_folder);
        var stream = ScriptedStream.Create(chain, store, ScriptedStream.Options());
        var handler = new BatchRecorder();
        await ScriptedStream.DrainAsync(stream, handler);
        var replaced = chain.HashOf(5);

        chain.Fork(4);
        chain.Mine(40);
        chain.Mine(50);
        chain.ClearRequests();
        Assert.False(await stream.StepAsync(handler, CancellationToken.None));

        Assert.Equal(["latest", "block 5", "block 5", "block 0"], chain.Requests);
        Assert.Equal(new ChainRollback(new ChainPosition(5, replaced), new ChainPosition(0, chain.HashOf(0))), Assert.Single(handler.Rollbacks));
        Assert.Equal(1ul, store.Load("test")!.Next);
        await ScriptedStream.DrainAsync(stream, handler);
        Assert.Equal([0, 1, 2, 3, 4, 5, 1, 2, 3, 40, 50], handler.Values());
    }

    [Fact]
    public async Task CaughtUp_NewHeadAboveAnIntactAnchor_IsCheckedOnce_AndRollsNothingBack()
    {
        using var chain = Numbered(7);
        using var store = ScriptedStream.Store(_folder);
        var stream = ScriptedStream.Create(chain, store, ScriptedStream.Options(confirmations: 2));
        var handler = new BatchRecorder();
        await ScriptedStream.DrainAsync(stream, handler);

        chain.Fork(6);
        chain.Mine(60); // the head block alone replaced: delivered block 4 stays canonical
        chain.ClearRequests();
        Assert.False(await stream.StepAsync(handler, CancellationToken.None));
        Assert.False(await stream.StepAsync(handler, CancellationToken.None));

        Assert.Equal(["latest", "block 4", "latest"], chain.Requests);
        Assert.Empty(handler.Rollbacks);
        Assert.Equal([0, 1, 2, 3, 4], handler.Values());
    }

    [Fact]
    public async Task Restart_ResumesRightAfterTheLastHandledBatch_NeitherRepeatingNorSkipping()
    {
        using var chain = Numbered(12);
        var first = new BatchRecorder();
        using (var store = ScriptedStream.Store(_folder))
        {
            var stream = ScriptedStream.Create(chain, store, ScriptedStream.Options(range: 4, start: 2));
            Assert.True(await stream.StepAsync(first, CancellationToken.None));
            var state = store.Load("test")!;
            Assert.Equal((6ul, new ChainPosition(5, chain.HashOf(5))), (state.Next, state.Anchor));
            Assert.Equal(Positions(chain, 1, 2, 5), state.History);
            Assert.True(await stream.StepAsync(first, CancellationToken.None));
        }

        chain.ClearRequests();
        var second = new BatchRecorder();
        using (var store = ScriptedStream.Store(_folder))
        {
            await ScriptedStream.DrainAsync(ScriptedStream.Create(chain, store, ScriptedStream.Options(range: 4, start: 2)), second);
        }

        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9], first.Values());
        Assert.Equal([10, 11], second.Values());
        Assert.Equal(["latest", "block 10", "logs 10..11"], chain.Requests);
        Assert.Empty(second.Rollbacks);
    }

    private static ScriptedChain Numbered(int blocks)
    {
        var chain = new ScriptedChain(0);
        for (var value = 0; value < blocks; value++)
        {
            chain.Mine(value);
        }

        return chain;
    }

    private static ChainPosition[] Positions(ScriptedChain chain, params ulong[] numbers) =>
        [.. numbers.Select(n => new ChainPosition(n, chain.HashOf(n)))];
}
