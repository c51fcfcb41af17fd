using DePinGpu.Ipfs.Bitswap;
using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.Tests.Bitswap.Support;
using DePinGpu.Ipfs.Tests.Support;

namespace DePinGpu.Ipfs.Tests.Bitswap.Client;

/// <summary>
/// A fetch over a store that fails, is slow, or holds a corrupt copy: a failing put ends the fetch with that exception
/// and nothing more is stored; a corrupt stored node is deleted and fetched again; a slow put does not hold back the next
/// want; cancelling while the store is being walked ends the fetch at once; a slow walk of a stored subtree holds the
/// fetch open even when every block asked for has arrived.
/// </summary>
public sealed class BitswapStoreFailureTests : IAsyncDisposable
{
    private readonly TemporaryDirectory _folder = new();
    private readonly MemoryBitswapHub _hub = new();
    private readonly FaultyBlockStore _store = new();
    private readonly ContentStore _content;
    private readonly BitswapNode _node;
    private readonly MemoryBitswapEndpoint _endpoint;

    public BitswapStoreFailureTests()
    {
        _endpoint = _hub.Join();
        _content = new ContentStore(_store, new ContentStoreOptions { PinDatabasePath = _folder.Combine("pins.db") });
        _node = new BitswapNode(_content, _endpoint);
    }

    [Fact]
    public async Task PutFailsWithAnIoError_TheFetchThrowsIt()
    {
        var holder = await StartWithHolderAsync();
        var root = SessionProbes.Raw(seed: 30);
        _store.BeforePut = _ => throw new IOException("disk full");

        var fetching = _node.FetchAsync(root.Cid, SessionProbes.Scripted(holder) with { NoProgressTimeout = TimeSpan.FromSeconds(20) });
        await holder.NextWantBlockAsync();
        await holder.SendBlocksAsync(_endpoint.LocalPeer, root);

        var thrown = await Assert.ThrowsAsync<IOException>(() => fetching.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal("disk full", thrown.Message);
    }

    [Fact]
    public async Task PutFailsForTheFirstOfTwoBlocksInAMessage_TheSecondIsNotStored()
    {
        var holder = await StartWithHolderAsync();
        var (a, b) = (SessionProbes.Raw(seed: 31), SessionProbes.Raw(seed: 32));
        var root = SessionProbes.Node(a, b);
        _store.BeforePut = block => block.Cid.Equals(a.Cid) ? throw new IOException("disk full") : ValueTask.CompletedTask;

        var fetching = _node.FetchAsync(root.Cid, SessionProbes.Scripted(holder) with { NoProgressTimeout = TimeSpan.FromSeconds(20) });
        await holder.NextWantBlockAsync();
        await holder.SendBlocksAsync(_endpoint.LocalPeer, root);
        await holder.CollectWantBlocksAsync(2);
        await holder.SendBlocksAsync(_endpoint.LocalPeer, a, b);

        await Assert.ThrowsAsync<IOException>(() => fetching.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.DoesNotContain(b.Cid, _store.PutsAsked); // the failed fetch took no further block
    }

    [Fact]
    public async Task StoredNodeIsCorrupt_ItIsDeletedAndFetchedAgainWithItsLinks()
    {
        var holder = await StartWithHolderAsync();
        var leaves = new[] { SessionProbes.Raw(seed: 33), SessionProbes.Raw(seed: 34) };
        var root = SessionProbes.Node(leaves);
        var corrupt = root.Data.ToArray();
        corrupt[^1] ^= 0xFF;
        _store.Inner.Overwrite(root.Cid, corrupt);
        using var stop = new CancellationTokenSource();
        var serving = holder.ServeAsync(_endpoint.LocalPeer, [root, .. leaves], stop.Token);

        var result = await _node.FetchAsync(root.Cid, SessionProbes.Scripted(holder) with { NoProgressTimeout = TimeSpan.FromSeconds(20) });
        await stop.CancelAsync();
        await serving;

        Assert.Equal(FetchOutcome.Completed, result.Outcome);
        Assert.Equal(new FetchProgress(3, root.Data.Length + 2000, 0, 0, 0, 0, 1), result.Progress);
        Assert.Equal(root.Data.ToArray(), await _store.Inner.GetAsync(root.Cid));
        Assert.All(leaves, leaf => Assert.Contains(leaf.Cid, _store.PutsAsked));
    }

    [Fact]
    public async Task SlowPut_TheNextWantGoesOutWhileTheBlockIsBeingStored()
    {
        var holder = await StartWithHolderAsync();
        var (a, b) = (SessionProbes.Raw(seed: 35), SessionProbes.Raw(seed: 36));
        var root = SessionProbes.Node(a, b);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.BeforePut = block => block.Cid.Equals(a.Cid) ? new ValueTask(release.Task) : ValueTask.CompletedTask;
        var me = _endpoint.LocalPeer;

        // One block in flight: b can only be asked once a's slot is freed, which must not wait for a's put.
        var fetching = _node.FetchAsync(root.Cid, SessionProbes.Scripted(holder) with { MaxWantsInFlight = 1 });
        try
        {
            await holder.NextWantBlockAsync();
            await holder.SendBlocksAsync(me, root);
            Assert.Equal(a.Cid, (await holder.NextWantBlockAsync()).Cid);
            await holder.SendBlocksAsync(me, a);
            Assert.Equal(b.Cid, (await holder.NextWantBlockAsync()).Cid);
        }
        finally
        {
            release.TrySetResult();
        }

        await holder.SendBlocksAsync(me, b);
        Assert.Equal(FetchOutcome.Completed, (await fetching).Outcome);
    }

    [Fact]
    public async Task CancelledWhileTheStoreIsWalked_ThrowsWithoutWaitingForTheStore()
    {
        var holder = await StartWithHolderAsync();
        var root = SessionProbes.Raw(seed: 37);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.BeforeHas = async (_, token) =>
        {
            entered.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(60), token); // ends early only if the fetch passes on the cancellation
        };
        using var cancellation = new CancellationTokenSource();

        var fetching = _node.FetchAsync(root.Cid, SessionProbes.Scripted(holder), cancellationToken: cancellation.Token);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetching.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task StoredSubtreeStillBeingWalked_TheFetchDoesNotCompleteWhenEveryWantedBlockHasArrived()
    {
        var holder = await StartWithHolderAsync();
        var (a, c) = (SessionProbes.Raw(seed: 38), SessionProbes.Raw(seed: 39));
        var b = SessionProbes.Node(c);
        var root = SessionProbes.Node(a, b);
        await _store.Inner.PutAsync(root);
        await _store.Inner.PutAsync(b);
        var walkReachedB = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.BeforeHas = async (cid, token) =>
        {
            if (cid.Equals(b.Cid))
            {
                walkReachedB.TrySetResult();
                await release.Task.WaitAsync(token);
            }
        };
        var me = _endpoint.LocalPeer;

        // The walk of the stored root found a missing and is held at b; the session's tick asks for a meanwhile. When a
        // arrives nothing is pending, yet c (under b) is not discovered: the fetch must not count itself complete.
        var fetching = _node.FetchAsync(root.Cid, SessionProbes.Scripted(holder));
        try
        {
            await walkReachedB.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(a.Cid, (await holder.NextWantBlockAsync()).Cid);
            await holder.SendBlocksAsync(me, a);
            await holder.BarrierAsync(me);
            Assert.False(fetching.IsCompleted, "The fetch ended while a stored subtree was still being walked.");
        }
        finally
        {
            release.TrySetResult();
        }

        Assert.Equal(c.Cid, (await holder.NextWantBlockAsync()).Cid);
        await holder.SendBlocksAsync(me, c);
        var result = await fetching.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(FetchOutcome.Completed, result.Outcome);
        Assert.Equal((2, 2), (result.Progress.BlocksFetched, result.Progress.BlocksAlreadyPresent));
        Assert.Equal(c.Data.ToArray(), await _store.Inner.GetAsync(c.Cid));
    }

    public async ValueTask DisposeAsync()
    {
        await _node.DisposeAsync();
        _content.Dispose();
        await _hub.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<ProbePeer> StartWithHolderAsync()
    {
        await _node.StartAsync(CancellationToken.None);
        var holder = new ProbePeer(_hub);
        _hub.Connect(holder.Endpoint, _endpoint);
        return holder;
    }
}
