using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Tests.Bitswap.Support;

namespace DePinGpu.Ipfs.Tests.Bitswap.Client;

/// <summary>
/// What a fetch does when a block arrives, scripted with probe peers: it withdraws the want-haves sent elsewhere, takes a
/// late copy of a block it had re-queued without asking for it again, offers the stored block to peers waiting for it,
/// and withdraws every want still out when it gives up. The result's counters are checked exactly.
/// </summary>
public class BitswapReceiveTests
{
    [Fact]
    public async Task BlockFromTheAskedPeer_WithdrawsTheWantHaveSentToTheOther()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var (first, second) = (new ProbePeer(hub), new ProbePeer(hub));
        hub.Connect(first.Endpoint, fetcher.Endpoint);
        hub.Connect(second.Endpoint, fetcher.Endpoint);
        var root = SessionProbes.Raw(seed: 20);
        var me = fetcher.Endpoint.LocalPeer;

        var fetching = fetcher.Node.FetchAsync(root.Cid, SessionProbes.Scripted(first, second));
        Assert.Equal(root.Cid, (await first.NextWantBlockAsync()).Cid);
        await second.NextWantAsync(want => want.WantType == WantType.Have && want.Cid.Equals(root.Cid));
        await first.SendBlocksAsync(me, root);
        var result = await fetching;

        Assert.Equal(FetchOutcome.Completed, result.Outcome);
        await second.NextCancelAsync(root.Cid);
    }

    [Fact]
    public async Task LateBlockForAWantRequeuedAfterDontHave_IsTakenAndNotAskedForAgain()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var (first, second) = (new ProbePeer(hub), new ProbePeer(hub));
        hub.Connect(first.Endpoint, fetcher.Endpoint);
        hub.Connect(second.Endpoint, fetcher.Endpoint);
        var (a, b) = (SessionProbes.Raw(seed: 21), SessionProbes.Raw(seed: 22));
        var root = SessionProbes.Node(a, b);
        var me = fetcher.Endpoint.LocalPeer;

        // One want per peer: a goes to the first peer, b to the second.
        var fetching = fetcher.Node.FetchAsync(root.Cid, SessionProbes.Scripted(first, second) with { MaxWantsPerPeer = 1, WantHaveFanout = 0 });
        Assert.Equal(root.Cid, (await first.NextWantBlockAsync()).Cid);
        await first.SendBlocksAsync(me, root);
        Assert.Equal(a.Cid, (await first.NextWantBlockAsync()).Cid);
        Assert.Equal(b.Cid, (await second.NextWantBlockAsync()).Cid);

        // The second peer declines b: it waits in the queue (the first peer is busy with a). Then b arrives anyway from
        // the second peer (a want it just ended), and only after that a.
        await second.SendPresenceAsync(me, b.Cid, BlockPresenceType.DontHave);
        await second.NextCancelAsync(b.Cid);
        await second.SendBlocksAsync(me, b);
        await second.BarrierAsync(me);
        await first.SendBlocksAsync(me, a);
        var result = await fetching;

        Assert.Equal(FetchOutcome.Completed, result.Outcome);
        Assert.Equal(new FetchProgress(3, root.Data.Length + a.Data.Length + b.Data.Length, 0, 0, 0, 0, 2), result.Progress);
    }

    [Fact]
    public async Task StoredBlock_IsServedToAPeerThatWantedItFromTheFetcher()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var (holder, waiting) = (new ProbePeer(hub), new ProbePeer(hub));
        hub.Connect(holder.Endpoint, fetcher.Endpoint);
        hub.Connect(waiting.Endpoint, fetcher.Endpoint);
        var root = SessionProbes.Raw(seed: 23);
        var me = fetcher.Endpoint.LocalPeer;
        await waiting.SendAsync(me, new WantlistEntry(root.Cid, 1, false, WantType.Block, false));
        await waiting.BarrierAsync(me);

        var fetching = fetcher.Node.FetchAsync(root.Cid, SessionProbes.Scripted(holder));
        await holder.NextWantBlockAsync();
        await holder.SendBlocksAsync(me, root);
        Assert.True((await fetching).IsComplete);

        var served = await waiting.NextAsync();
        Assert.Equal(root.Cid, Assert.Single(served.Blocks).Cid);
    }

    [Fact]
    public async Task NoBlockArrives_EndsUnavailable_AndWithdrawsTheWantStillOut()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var silent = new ProbePeer(hub);
        hub.Connect(silent.Endpoint, fetcher.Endpoint);
        var root = SessionProbes.Raw(seed: 24);

        var fetching = fetcher.Node.FetchAsync(root.Cid, SessionProbes.Scripted(silent) with { NoProgressTimeout = TimeSpan.FromSeconds(1) });
        await silent.NextWantBlockAsync();
        var result = await fetching;

        Assert.Equal(FetchOutcome.Unavailable, result.Outcome);
        Assert.Equal([root.Cid], result.MissingBlocks);
        Assert.Equal(new FetchProgress(0, 0, 0, 0, 1, 1, 1), result.Progress);
        await silent.NextCancelAsync(root.Cid);
    }

    [Fact]
    public async Task ExplicitPeerThatCannotBeConnected_IsNotAskedNorCounted()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var stranger = new ProbePeer(hub); // on the hub but never connected to the fetcher
        var root = SessionProbes.Raw(seed: 25);

        var result = await fetcher.Node.FetchAsync(root.Cid, SessionProbes.Scripted(stranger) with { NoProgressTimeout = TimeSpan.FromSeconds(1) });

        Assert.Equal(FetchOutcome.Unavailable, result.Outcome);
        Assert.Equal(0, result.Progress.ActivePeers);
        Assert.Equal(0, result.Progress.BlocksInFlight);
    }

    [Fact]
    public async Task PeerThatDisconnected_IsNotCountedAsActive()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var (first, second) = (new ProbePeer(hub), new ProbePeer(hub));
        hub.Connect(first.Endpoint, fetcher.Endpoint);
        hub.Connect(second.Endpoint, fetcher.Endpoint);
        var root = SessionProbes.Raw(seed: 26);
        var me = fetcher.Endpoint.LocalPeer;

        var fetching = fetcher.Node.FetchAsync(root.Cid, SessionProbes.Scripted(first, second));
        await first.NextWantBlockAsync();
        hub.Disconnect(second.Endpoint, fetcher.Endpoint);
        await first.SendBlocksAsync(me, root);
        var result = await fetching;

        Assert.Equal(FetchOutcome.Completed, result.Outcome);
        Assert.Equal(1, result.Progress.ActivePeers);
    }

    [Fact]
    public async Task PeerDeliveringSteadily_IsNotTreatedAsStalled_ThoughTheWholeDagTakesLongerThanTheStallTimeout()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var holder = new ProbePeer(hub);
        hub.Connect(holder.Endpoint, fetcher.Endpoint);
        var leaves = Enumerable.Range(0, 8).Select(seed => SessionProbes.Raw(seed: 27 + seed)).ToArray();
        var root = SessionProbes.Node(leaves);
        var me = fetcher.Endpoint.LocalPeer;
        var received = new List<ProbeMessage>();

        var fetching = fetcher.Node.FetchAsync(root.Cid, SessionProbes.Scripted(holder) with { PeerStallTimeout = TimeSpan.FromSeconds(2) });
        received.Add(await holder.NextAsync());
        await holder.SendBlocksAsync(me, root);
        await holder.CollectWantBlocksAsync(leaves.Length);
        foreach (var leaf in leaves)
        {
            // The pace is what is tested: every block comes well within the stall timeout of the one before, while the
            // eight together take twice as long; each delivery must count as progress of the peer.
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await holder.SendBlocksAsync(me, leaf);
        }

        Assert.Equal(FetchOutcome.Completed, (await fetching).Outcome);
        while (await TryNextAsync(holder) is { } message)
        {
            received.Add(message);
        }

        Assert.DoesNotContain(received.SelectMany(message => message.Wants), want => want.Cancel); // a stall withdraws the wants
    }

    [Fact]
    public async Task LeafLinkedTwice_IsAskedAndCountedOnce()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var holder = new ProbePeer(hub);
        hub.Connect(holder.Endpoint, fetcher.Endpoint);
        var leaf = SessionProbes.Raw(seed: 40);
        var root = SessionProbes.Node(leaf, leaf);
        var me = fetcher.Endpoint.LocalPeer;

        var fetching = fetcher.Node.FetchAsync(root.Cid, SessionProbes.Scripted(holder));
        await holder.NextWantBlockAsync();
        await holder.SendBlocksAsync(me, root);
        Assert.Equal(leaf.Cid, (await holder.NextWantBlockAsync()).Cid);
        await holder.SendBlocksAsync(me, leaf);
        var result = await fetching;

        Assert.Equal(FetchOutcome.Completed, result.Outcome);
        Assert.Equal(new FetchProgress(2, root.Data.Length + leaf.Data.Length, 0, 0, 0, 0, 1), result.Progress);
    }

    private static async Task<ProbeMessage?> TryNextAsync(ProbePeer probe)
    {
        try
        {
            return await probe.NextAsync(TimeSpan.FromMilliseconds(300));
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
