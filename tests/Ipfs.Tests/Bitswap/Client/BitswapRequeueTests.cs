using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Tests.Bitswap.Support;

namespace DePinGpu.Ipfs.Tests.Bitswap.Client;

/// <summary>Where a block goes back in the fetch's queue when its peer declines it: to the front, before blocks never asked.</summary>
public class BitswapRequeueTests
{
    [Fact]
    public async Task BlockDeclinedByItsPeer_IsAskedElsewhereBeforeTheNextQueuedBlock()
    {
        var dag = await SmallDag.CreateAsync(leaves: 3, seed: 61);
        await using var harness = await DispatchHarness.StartAsync(probes: 2);
        _ = harness.Fetch(dag.Root, DispatchHarness.Slow with { MaxWantsInFlight = 1 });
        var first = await harness.RootAskedOfAsync(dag.Root);
        var second = harness.Probes.Single(probe => probe != first);
        await first.ServeAsync(harness.FetcherId, dag, dag.Root);
        await first.WantsUntilAsync(want => !want.Cancel && want.WantType == WantType.Block && want.Cid.Equals(dag.Leaves[0]));

        await first.SayAsync(harness.FetcherId, dag.Leaves[0], BlockPresenceType.DontHave);

        // With one want in flight, the next want-block anywhere is the declined leaf, at the peer that did not decline it.
        var asked = await second.WantsUntilAsync(want => !want.Cancel && want.WantType == WantType.Block);
        Assert.Equal(dag.Leaves[0], asked.Last().Cid);
    }
}
