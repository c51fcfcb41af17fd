using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Tests.Bitswap.Support;

namespace DePinGpu.Ipfs.Tests.Bitswap.Client;

/// <summary>
/// What a fetch does on HAVE and DONT_HAVE, scripted with probe peers: a refusal from the asked peer withdraws the want
/// there and asks another peer at once (not after the want timeout), ahead of blocks queued behind it; a HAVE while the
/// block is asked elsewhere only records it; a peer that said HAVE and then DONT_HAVE is no longer ranked as a holder.
/// </summary>
public class BitswapPresenceTests
{
    [Fact]
    public async Task DontHaveFromTheAskedPeer_CancelsThereAndAsksTheOtherPeerAtOnce()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var (first, second) = (new ProbePeer(hub), new ProbePeer(hub));
        hub.Connect(first.Endpoint, fetcher.Endpoint);
        hub.Connect(second.Endpoint, fetcher.Endpoint);
        var root = SessionProbes.Raw(seed: 1);
        var me = fetcher.Endpoint.LocalPeer;

        var fetching = fetcher.Node.FetchAsync(root.Cid, SessionProbes.Scripted(first, second));
        Assert.Equal(root.Cid, (await first.NextWantBlockAsync()).Cid);
        await first.SendPresenceAsync(me, root.Cid, BlockPresenceType.DontHave);

        // The timeouts are minutes long: only the DONT_HAVE can move the want to the second peer.
        await first.NextCancelAsync(root.Cid);
        Assert.Equal(root.Cid, (await second.NextWantBlockAsync()).Cid);
        await second.SendBlocksAsync(me, root);
        var result = await fetching;

        Assert.Equal(FetchOutcome.Completed, result.Outcome);
        Assert.Equal(new FetchProgress(1, root.Data.Length, 0, 0, 0, 0, 2), result.Progress);
    }

    [Fact]
    public async Task DontHaveForTheFirstLeaf_AsksItOfTheOtherPeerBeforeTheLeavesQueuedBehindIt()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var (first, second) = (new ProbePeer(hub), new ProbePeer(hub));
        hub.Connect(first.Endpoint, fetcher.Endpoint);
        hub.Connect(second.Endpoint, fetcher.Endpoint);
        var leaves = Enumerable.Range(0, 4).Select(seed => SessionProbes.Raw(seed: 10 + seed)).ToArray();
        var root = SessionProbes.Node(leaves);
        var me = fetcher.Endpoint.LocalPeer;

        // One block in flight at a time makes the queue order visible in the order of the wants.
        var fetching = fetcher.Node.FetchAsync(root.Cid, SessionProbes.Scripted(first, second) with { MaxWantsInFlight = 1, WantHaveFanout = 0 });
        Assert.Equal(root.Cid, (await first.NextWantBlockAsync()).Cid);
        await first.SendBlocksAsync(me, root);
        Assert.Equal(leaves[0].Cid, (await first.NextWantBlockAsync()).Cid); // links are asked in DAG order
        await first.SendPresenceAsync(me, leaves[0].Cid, BlockPresenceType.DontHave);
        Assert.Equal(leaves[0].Cid, (await second.NextWantBlockAsync()).Cid);

        using var stop = new CancellationTokenSource();
        var serving = Task.WhenAll(first.ServeAsync(me, leaves, stop.Token), second.ServeAsync(me, leaves, stop.Token));
        await second.SendBlocksAsync(me, leaves[0]);
        var result = await fetching;
        await stop.CancelAsync();
        await serving;

        Assert.Equal(FetchOutcome.Completed, result.Outcome);
        Assert.Equal(5, result.Progress.BlocksFetched);
    }

    [Fact]
    public async Task HaveFromAWantHavePeer_WhileTheBlockIsAskedElsewhere_OnlyRecordsIt()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var (first, second) = (new ProbePeer(hub), new ProbePeer(hub));
        hub.Connect(first.Endpoint, fetcher.Endpoint);
        hub.Connect(second.Endpoint, fetcher.Endpoint);
        var root = SessionProbes.Raw(seed: 2);
        var me = fetcher.Endpoint.LocalPeer;

        var fetching = fetcher.Node.FetchAsync(root.Cid, SessionProbes.Scripted(first, second));
        Assert.Equal(root.Cid, (await first.NextWantBlockAsync()).Cid);
        await second.NextWantAsync(want => want.WantType == WantType.Have && want.Cid.Equals(root.Cid));
        await second.SendPresenceAsync(me, root.Cid, BlockPresenceType.Have);
        var meanwhile = await second.BarrierAsync(me);
        await first.SendBlocksAsync(me, root);
        var result = await fetching;

        Assert.DoesNotContain(meanwhile, want => !want.Cancel && want.WantType == WantType.Block);
        Assert.Equal(FetchOutcome.Completed, result.Outcome);
        Assert.Equal(0, result.Progress.BlocksInFlight); // a second assignment would leave a slot taken for good
    }

    [Fact]
    public async Task HaveThenDontHave_TheRetryDoesNotRankThatPeerAsAHolder()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var (first, second) = (new ProbePeer(hub), new ProbePeer(hub));
        hub.Connect(first.Endpoint, fetcher.Endpoint);
        hub.Connect(second.Endpoint, fetcher.Endpoint);
        var root = SessionProbes.Raw(seed: 3);
        var me = fetcher.Endpoint.LocalPeer;

        var fetching = fetcher.Node.FetchAsync(root.Cid, SessionProbes.Scripted(first, second) with { RetryInterval = TimeSpan.FromMilliseconds(300) });
        Assert.Equal(root.Cid, (await first.NextWantBlockAsync()).Cid);
        await second.NextWantAsync(want => want.WantType == WantType.Have && want.Cid.Equals(root.Cid));
        await second.SendPresenceAsync(me, root.Cid, BlockPresenceType.Have);
        await second.SendPresenceAsync(me, root.Cid, BlockPresenceType.DontHave);
        await second.NextCancelAsync(root.Cid);
        await first.SendPresenceAsync(me, root.Cid, BlockPresenceType.DontHave);
        await first.NextCancelAsync(root.Cid);

        // Both refused: the block is parked until the retry clears the refusals. The withdrawn HAVE must not make the
        // second peer (later in join order) the holder to ask; the first is asked again.
        Assert.Equal(root.Cid, (await first.NextWantBlockAsync()).Cid);
        await first.SendBlocksAsync(me, root);
        var result = await fetching;

        Assert.Equal(FetchOutcome.Completed, result.Outcome);
    }

    [Fact]
    public async Task HaveFromTheThirdPeer_MakesItTheOneAskedWhenTheFirstDeclines()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var (first, second, third) = ThreePeers(hub, fetcher);
        var root = SessionProbes.Raw(seed: 4);
        var me = fetcher.Endpoint.LocalPeer;

        var fetching = fetcher.Node.FetchAsync(root.Cid, SessionProbes.Scripted(first, second, third));
        Assert.Equal(root.Cid, (await first.NextWantBlockAsync()).Cid);
        await third.NextWantAsync(want => want.WantType == WantType.Have && want.Cid.Equals(root.Cid));
        await third.SendPresenceAsync(me, root.Cid, BlockPresenceType.Have);
        await third.BarrierAsync(me);
        await first.SendPresenceAsync(me, root.Cid, BlockPresenceType.DontHave);

        // The second peer comes first in join order, but the third said HAVE.
        Assert.Equal(root.Cid, (await third.NextWantBlockAsync()).Cid);
        await third.SendBlocksAsync(me, root);
        Assert.Equal(FetchOutcome.Completed, (await fetching).Outcome);
    }

    [Fact]
    public async Task DontHaveFromAWantHavePeer_LeavesTheWantWithTheAskedPeer()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var (first, second, third) = ThreePeers(hub, fetcher);
        var root = SessionProbes.Raw(seed: 5);
        var me = fetcher.Endpoint.LocalPeer;

        var fetching = fetcher.Node.FetchAsync(root.Cid, SessionProbes.Scripted(first, second, third));
        Assert.Equal(root.Cid, (await first.NextWantBlockAsync()).Cid);
        await second.NextWantAsync(want => want.WantType == WantType.Have && want.Cid.Equals(root.Cid));
        await third.NextWantAsync(want => want.WantType == WantType.Have && want.Cid.Equals(root.Cid));
        await third.SendPresenceAsync(me, root.Cid, BlockPresenceType.Have);
        await third.BarrierAsync(me);
        await second.SendPresenceAsync(me, root.Cid, BlockPresenceType.DontHave);
        await second.NextCancelAsync(root.Cid);

        // Had the refusal re-queued the block, it would now be asked of the third peer (it said HAVE).
        var atThird = await third.BarrierAsync(me);
        await first.SendBlocksAsync(me, root);
        Assert.Equal(FetchOutcome.Completed, (await fetching).Outcome);
        Assert.DoesNotContain(atThird, want => !want.Cancel && want.WantType == WantType.Block);
    }

    private static (ProbePeer First, ProbePeer Second, ProbePeer Third) ThreePeers(MemoryBitswapHub hub, BitswapTestNode fetcher)
    {
        var peers = (new ProbePeer(hub), new ProbePeer(hub), new ProbePeer(hub));
        hub.Connect(peers.Item1.Endpoint, fetcher.Endpoint);
        hub.Connect(peers.Item2.Endpoint, fetcher.Endpoint);
        hub.Connect(peers.Item3.Endpoint, fetcher.Endpoint);
        return peers;
    }
}
