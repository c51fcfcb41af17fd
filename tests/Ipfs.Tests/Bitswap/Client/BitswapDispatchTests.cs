using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Tests.Bitswap.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Client;

/// <summary>
/// Which peer a fetch asks for each block and how many at once: the in-flight and per-peer bounds, waiting for a busy
/// peer instead of giving a block up, skipping refusers and departed peers, and preferring a peer that said HAVE or
/// one that has not timed out on the block. Asserted on the wants each probe receives, not on the fetch's result.
/// </summary>
public class BitswapDispatchTests
{
    private static bool IsWantBlock(WantlistEntry want) => !want.Cancel && want.WantType == WantType.Block;

    private static List<Cid> WantBlocks(IEnumerable<WantlistEntry> entries) => [.. entries.Where(IsWantBlock).Select(want => want.Cid)];

    [Fact]
    public async Task Fetch_AsksNoMoreBlocksAtOnceThanMaxWantsInFlight_InDagOrder()
    {
        var dag = await SmallDag.CreateAsync(leaves: 4, seed: 41);
        await using var harness = await DispatchHarness.StartAsync(probes: 1);
        var probe = harness.Probes[0];
        _ = harness.Fetch(dag.Root, DispatchHarness.Slow with { MaxWantsInFlight = 2 });
        await probe.WantsUntilAsync(want => IsWantBlock(want) && want.Cid.Equals(dag.Root));

        await probe.ServeAsync(harness.FetcherId, dag, dag.Root);
        var first = await probe.WantsUntilAsync(want => IsWantBlock(want) && want.Cid.Equals(dag.Leaves[1]));
        var rest = (await harness.DrainWithMarkerAsync(probe))[0];

        Assert.Equal([dag.Leaves[0], dag.Leaves[1]], WantBlocks(first.Concat(rest)));
    }

    [Fact]
    public async Task PeerAtMaxWantsPerPeer_IsWaitedFor_AndAskedTheNextBlockWhenItDelivers()
    {
        var dag = await SmallDag.CreateAsync(leaves: 3, seed: 42);
        await using var harness = await DispatchHarness.StartAsync(probes: 1);
        var probe = harness.Probes[0];
        _ = harness.Fetch(dag.Root, DispatchHarness.Slow with { MaxWantsPerPeer = 1 });
        await probe.WantsUntilAsync(want => IsWantBlock(want) && want.Cid.Equals(dag.Root));
        await probe.ServeAsync(harness.FetcherId, dag, dag.Root);

        var asked = await probe.WantsUntilAsync(want => IsWantBlock(want) && want.Cid.Equals(dag.Leaves[0]));
        var meanwhile = (await harness.DrainWithMarkerAsync(probe))[0];
        Assert.Equal([dag.Leaves[0]], WantBlocks(asked.Concat(meanwhile)));

        // The other leaves waited in the queue for the busy peer (not parked until the 60 s retry).
        await probe.ServeAsync(harness.FetcherId, dag, dag.Leaves[0]);
        var next = await probe.WantsUntilAsync(IsWantBlock);
        Assert.Equal(dag.Leaves[1], next.Last().Cid);
    }

    [Fact]
    public async Task BlockRefusedByEveryPeer_IsSetAside_AndTheNextBlockIsAsked()
    {
        var dag = await SmallDag.CreateAsync(leaves: 2, seed: 43);
        await using var harness = await DispatchHarness.StartAsync(probes: 1);
        var probe = harness.Probes[0];
        _ = harness.Fetch(dag.Root, DispatchHarness.Slow with { MaxWantsInFlight = 1 });
        await probe.WantsUntilAsync(want => IsWantBlock(want) && want.Cid.Equals(dag.Root));
        await probe.ServeAsync(harness.FetcherId, dag, dag.Root);
        await probe.WantsUntilAsync(want => IsWantBlock(want) && want.Cid.Equals(dag.Leaves[0]));

        await probe.SayAsync(harness.FetcherId, dag.Leaves[0], BlockPresenceType.DontHave);
        var next = await probe.WantsUntilAsync(IsWantBlock);

        // Not asked again of the peer that refused it, and not left blocking the queue.
        Assert.Equal(dag.Leaves[1], next.Last().Cid);
    }

    [Fact]
    public async Task PeerThatDisconnected_IsNotAskedAgain_ItsBlockGoesToTheOtherPeer()
    {
        var dag = await SmallDag.CreateAsync(leaves: 1, seed: 44);
        await using var harness = await DispatchHarness.StartAsync(probes: 2);
        _ = harness.Fetch(dag.Root, DispatchHarness.Slow);
        var chosen = await harness.RootAskedOfAsync(dag.Root);
        var other = harness.Probes.Single(probe => probe != chosen);

        harness.Hub.Disconnect(chosen.Endpoint, harness.Fetcher.Endpoint);

        // The departed peer ranked first (it was chosen over the other); now only the other may be asked.
        var asked = await other.WantsUntilAsync(IsWantBlock);
        Assert.Equal(dag.Root, asked.Last().Cid);
    }

    [Fact]
    public async Task PeerThatSaidHave_IsPreferredOverAnEquallyLoadedEarlierPeer()
    {
        var dag = await SmallDag.CreateAsync(leaves: 1, seed: 45);
        await using var harness = await DispatchHarness.StartAsync(probes: 3);

        // Explicit peers only, so the join order (the last tie-break) is the probes' order: 0, 1, 2.
        var peers = harness.Probes.Select(probe => probe.Id).ToList();
        _ = harness.Fetch(dag.Root, DispatchHarness.Slow with { Peers = peers, UseConnectedPeers = false });
        var (first, earlier, holder) = (harness.Probes[0], harness.Probes[1], harness.Probes[2]);
        Assert.Same(first, await harness.RootAskedOfAsync(dag.Root));

        // The last-joined peer, asked only whether it has the root (a presence counts only for a block asked of that
        // peer), says HAVE; then the peer asked for the block declines it. The HAVE must outrank the join order.
        await holder.SayAsync(harness.FetcherId, dag.Root, BlockPresenceType.Have);
        await holder.PingAsync(harness.FetcherId);
        await first.SayAsync(harness.FetcherId, dag.Root, BlockPresenceType.DontHave);

        var asked = await holder.WantsUntilAsync(want => IsWantBlock(want) && want.Cid.Equals(dag.Root));
        Assert.Equal(dag.Root, asked.Last().Cid);
        Assert.DoesNotContain((await harness.DrainWithMarkerAsync(earlier))[0], IsWantBlock);
    }

    [Fact]
    public async Task PeerThatTimedOutOnABlock_IsPassedOverForAnotherPeer_AndItsWantIsCancelled()
    {
        var dag = await SmallDag.CreateAsync(leaves: 2, seed: 46);
        await using var harness = await DispatchHarness.StartAsync(probes: 2);
        _ = harness.Fetch(dag.Root, DispatchHarness.Slow with { MaxWantsInFlight = 1, WantTimeout = TimeSpan.FromSeconds(2) });
        var first = await harness.RootAskedOfAsync(dag.Root);
        var second = harness.Probes.Single(probe => probe != first);
        await first.ServeAsync(harness.FetcherId, dag, dag.Root);
        await first.WantsUntilAsync(want => IsWantBlock(want) && want.Cid.Equals(dag.Leaves[0]));

        // The first peer never answers: after the want timeout the leaf goes to the second peer, though the first is
        // equally loaded and joined earlier, and the first peer's want is withdrawn.
        var asked = await second.WantsUntilAsync(want => !want.Cancel && want.Cid.Equals(dag.Leaves[0]));
        Assert.Equal(WantType.Block, asked.Last().WantType);
        await first.WantsUntilAsync(want => want.Cancel && want.Cid.Equals(dag.Leaves[0]));
    }
}
