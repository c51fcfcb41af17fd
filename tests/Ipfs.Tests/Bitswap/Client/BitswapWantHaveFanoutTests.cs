using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Tests.Bitswap.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Client;

/// <summary>
/// The want-haves a fetch sends beside each want-block: every peer for the root, <see cref="FetchOptions.WantHaveFanout"/>
/// peers for later blocks, never a refuser or a cooling peer; and the cancels that withdraw them when the block arrives
/// or a peer declines. Asserted on the entries each probe receives.
/// </summary>
public class BitswapWantHaveFanoutTests
{
    private static bool IsAsk(WantlistEntry want, Cid cid) => !want.Cancel && want.Cid.Equals(cid);

    private static bool IsCancel(WantlistEntry want, Cid cid) => want.Cancel && want.Cid.Equals(cid);

    [Fact]
    public async Task Root_IsAskedOfEveryPeer_OneWantBlockAndAWantHaveToEachOther_WhateverTheFanout()
    {
        var dag = await SmallDag.CreateAsync(leaves: 2, seed: 51);
        await using var harness = await DispatchHarness.StartAsync(probes: 3);
        _ = harness.Fetch(dag.Root, DispatchHarness.Slow with { WantHaveFanout = 1 });

        var kinds = new List<WantType>();
        foreach (var probe in harness.Probes)
        {
            kinds.Add((await probe.WantsUntilAsync(want => IsAsk(want, dag.Root))).Last().WantType);
        }

        Assert.Equal([WantType.Block, WantType.Have, WantType.Have], kinds.Order());
    }

    [Fact]
    public async Task LaterBlock_IsAnnouncedToWantHaveFanoutOtherPeers_NotToAll()
    {
        var dag = await SmallDag.CreateAsync(leaves: 2, seed: 52);
        await using var harness = await DispatchHarness.StartAsync(probes: 4);
        _ = harness.Fetch(dag.Root, DispatchHarness.Slow with { WantHaveFanout = 2, MaxWantsInFlight = 1 });
        var first = await harness.RootAskedOfAsync(dag.Root);
        await first.ServeAsync(harness.FetcherId, dag, dag.Root);
        await first.WantsUntilAsync(want => IsAsk(want, dag.Leaves[0]) && want.WantType == WantType.Block);

        var others = harness.Probes.Where(probe => probe != first).ToArray();
        var drained = await harness.DrainWithMarkerAsync(others);

        var haves = drained.Count(entries => entries.Any(want => IsAsk(want, dag.Leaves[0]) && want.WantType == WantType.Have));
        Assert.Equal(2, haves);
        Assert.DoesNotContain(drained.SelectMany(entries => entries), want => IsAsk(want, dag.Leaves[0]) && want.WantType == WantType.Block);
    }

    [Fact]
    public async Task PeersThatRefused_AreNotAskedAgainWhenTheBlockGoesElsewhere_AndTheirWantsAreCancelled()
    {
        var dag = await SmallDag.CreateAsync(leaves: 2, seed: 53);
        await using var harness = await DispatchHarness.StartAsync(probes: 3);
        _ = harness.Fetch(dag.Root, DispatchHarness.Slow);
        var first = await harness.RootAskedOfAsync(dag.Root);
        var others = harness.Probes.Where(probe => probe != first).ToList();
        var (refuser, holder) = (others[0], others[1]);

        // One peer asked only whether it has the root says no; then the peer asked for the block says no as well.
        await refuser.SayAsync(harness.FetcherId, dag.Root, BlockPresenceType.DontHave);
        await refuser.PingAsync(harness.FetcherId);
        await first.SayAsync(harness.FetcherId, dag.Root, BlockPresenceType.DontHave);
        await holder.WantsUntilAsync(want => IsAsk(want, dag.Root) && want.WantType == WantType.Block);

        // Each refuser got a cancel for its want and nothing more for the root: the re-request's fan-out skipped them.
        var drained = await harness.DrainWithMarkerAsync(first, refuser);
        foreach (var entries in drained)
        {
            Assert.Contains(entries, want => IsCancel(want, dag.Root));
            Assert.DoesNotContain(entries, want => IsAsk(want, dag.Root));
        }
    }

    [Fact]
    public async Task CoolingPeer_IsNotSentAWantHave_WhenItsStalledBlockGoesElsewhere()
    {
        var dag = await SmallDag.CreateAsync(leaves: 2, seed: 54);
        await using var harness = await DispatchHarness.StartAsync(probes: 2);
        var options = DispatchHarness.Slow with { WantHaveFanout = 4, MaxWantsInFlight = 1, PeerStallTimeout = TimeSpan.FromSeconds(2) };
        _ = harness.Fetch(dag.Root, options);
        var first = await harness.RootAskedOfAsync(dag.Root);
        var second = harness.Probes.Single(probe => probe != first);
        await first.ServeAsync(harness.FetcherId, dag, dag.Root);
        await first.WantsUntilAsync(want => IsAsk(want, dag.Leaves[0]) && want.WantType == WantType.Block);

        // The first peer never delivers: it stalls, cools down, and the leaf is asked of the second peer.
        await second.WantsUntilAsync(want => IsAsk(want, dag.Leaves[0]) && want.WantType == WantType.Block);
        var atFirst = (await harness.DrainWithMarkerAsync(first))[0];

        // A want-have to the cooling peer would also replace the cancel queued just before it.
        Assert.Contains(atFirst, want => IsCancel(want, dag.Leaves[0]));
        Assert.DoesNotContain(atFirst, want => IsAsk(want, dag.Leaves[0]));
    }

    // The chosen peer delivers (the want-have elsewhere is withdrawn) or another peer, asked only whether it has the
    // block, sends it (the want-block at the chosen peer is withdrawn).
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BlockArriving_WithdrawsTheWantsSentForItToThePeersThatDidNotSendIt(bool chosenDelivers)
    {
        var dag = await SmallDag.CreateAsync(leaves: 2, seed: 55);
        await using var harness = await DispatchHarness.StartAsync(probes: 2);
        _ = harness.Fetch(dag.Root, DispatchHarness.Slow);
        var first = await harness.RootAskedOfAsync(dag.Root);
        var second = harness.Probes.Single(probe => probe != first);
        var (sender, other) = chosenDelivers ? (first, second) : (second, first);

        await sender.ServeAsync(harness.FetcherId, dag, dag.Root);

        await other.WantsUntilAsync(want => IsCancel(want, dag.Root));
    }
}
