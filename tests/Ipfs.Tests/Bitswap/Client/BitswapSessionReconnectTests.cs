using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.DagPb;
using DePinGpu.Ipfs.Tests.Bitswap.Support;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Client;

/// <summary>
/// A peer leaving a running fetch with a want in flight, and coming back: its want goes to the next peer (or back to
/// it when it reconnects), ahead of the blocks still queued, and what it said before leaving is forgotten. Observed
/// through the wants scripted peers receive. Timeouts and the retry interval are long, so only the disconnect and the
/// reconnect can move the fetch on.
/// </summary>
public class BitswapSessionReconnectTests
{
    private static readonly FetchOptions Patient = new()
    {
        PeerStallTimeout = TimeSpan.FromSeconds(60),
        WantTimeout = TimeSpan.FromSeconds(60),
        RetryInterval = TimeSpan.FromSeconds(60),
        NoProgressTimeout = TimeSpan.FromSeconds(15),
    };

    [Fact]
    public async Task HolderDisconnectingWithTheWantInFlight_IsAskedAgainWhenItReconnects()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var block = Block.Create(MulticodecCode.Raw, TestData.Random(1000, seed: 44));
        await using var holder = new ScriptedPeer(hub, async (self, from, want) =>
        {
            // The first want-block is lost with the connection; the one after reconnecting is answered.
            if (want.WantType == WantType.Block && self.WantBlocks(block.Cid).Count >= 2)
            {
                await self.SendBlockAsync(from, block);
            }
        });
        hub.Connect(holder.Endpoint, fetcher.Endpoint);

        // One want in flight at most: a disconnect that kept the slot taken would leave nothing to ask with.
        var fetching = fetcher.Node.FetchAsync(block.Cid, Patient with { MaxWantsInFlight = 1 });
        await holder.WaitForAsync(peer => peer.WantBlocks(block.Cid).Count == 1, "the first want-block");
        hub.Disconnect(holder.Endpoint, fetcher.Endpoint);
        hub.Connect(holder.Endpoint, fetcher.Endpoint);
        var result = await fetching.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.IsComplete, result.Error);
        Assert.Empty(result.DroppedPeers);
        Assert.Equal(2, holder.WantBlocks(block.Cid).Count);
    }

    [Fact]
    public async Task HolderDisconnectingWithTheWantInFlight_TheBlockIsAskedOfTheNextPeer()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var block = Block.Create(MulticodecCode.Raw, TestData.Random(1000, seed: 48));
        await using var leaving = new ScriptedPeer(hub, answer: null);
        await using var staying = new ScriptedPeer(hub, async (self, from, want) =>
        {
            if (want.WantType == WantType.Block)
            {
                await self.SendBlockAsync(from, block);
            }
        });
        hub.Connect(leaving.Endpoint, fetcher.Endpoint);
        hub.Connect(staying.Endpoint, fetcher.Endpoint);

        // Join order: the leaving peer gets the want-block, the staying one a want-have it ignores.
        var fetching = fetcher.Node.FetchAsync(block.Cid, Patient with { Peers = [leaving.Id, staying.Id] });
        await leaving.WaitForAsync(peer => peer.WantBlocks(block.Cid).Count == 1, "the want-block");
        hub.Disconnect(leaving.Endpoint, fetcher.Endpoint); // stays away: only a peer still connected can serve now
        var result = await fetching.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.IsComplete, result.Error);
        Assert.Empty(result.DroppedPeers); // leaving is not misbehaving
        Assert.Single(staying.WantBlocks(block.Cid));
        Assert.Single(leaving.WantBlocks(block.Cid));
    }

    [Fact]
    public async Task HolderDisconnectingWithAWantInFlight_ThatBlockIsAskedNextAheadOfTheQueuedOnes()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var leaves = Enumerable.Range(0, 3).Select(index => Block.Create(MulticodecCode.Raw, TestData.Random(1000, seed: 460 + index))).ToList();
        var root = Block.Create(MulticodecCode.DagPb, DagPbEncoder.Encode(new PbNode([.. leaves.Select(leaf => new PbLink(leaf.Cid, "", 1000))], TestData.Hex("0801"))));
        var leaving = new TaskCompletionSource();
        await using var first = new ScriptedPeer(hub, async (self, from, want) =>
        {
            if (want.WantType == WantType.Block && want.Cid.Equals(root.Cid))
            {
                await self.SendBlockAsync(from, root);
            }
        });
        await using var second = new ScriptedPeer(hub, async (self, from, want) =>
        {
            if (want.WantType == WantType.Block)
            {
                await leaving.Task.WaitAsync(TimeSpan.FromSeconds(20)); // holds its leaf until the first peer has left
                await self.SendBlockAsync(from, leaves.Single(leaf => leaf.Cid.Equals(want.Cid)));
            }
        });
        hub.Connect(first.Endpoint, fetcher.Endpoint);
        hub.Connect(second.Endpoint, fetcher.Endpoint);

        // One want per peer, two in all: the first leaf goes to the first peer, the second leaf to the second, the third waits.
        var options = Patient with { Peers = [first.Id, second.Id], MaxWantsInFlight = 2, MaxWantsPerPeer = 1, WantHaveFanout = 0 };
        var fetching = fetcher.Node.FetchAsync(root.Cid, options);
        await first.WaitForAsync(peer => peer.WantBlocks(leaves[0].Cid).Count == 1, "the want-block for the first leaf");
        await second.WaitForAsync(peer => peer.WantBlocks(leaves[1].Cid).Count == 1, "the want-block for the second leaf");
        hub.Disconnect(first.Endpoint, fetcher.Endpoint);
        leaving.SetResult();
        var result = await fetching.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.IsComplete, result.Error);
        Assert.Equal([leaves[1].Cid, leaves[0].Cid, leaves[2].Cid], second.WantBlockOrder()); // the released leaf was first in line
    }

    [Fact]
    public async Task PeerThatSaidHaveThenReconnected_IsNotPreferredOnItsOldHave()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var block = Block.Create(MulticodecCode.Raw, TestData.Random(1000, seed: 47));
        var probe = Cid.ForBlock(MulticodecCode.Raw, TestData.Random(100, seed: 470)); // a block the fetcher does not have
        var reconnected = new TaskCompletionSource();
        await using var first = new ScriptedPeer(hub, async (self, from, want) =>
        {
            await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(20)); // declines only after the third peer came back
            await ScriptedPeer.DeclineAsync(self, from, want);
        });
        await using var second = new ScriptedPeer(hub, async (self, from, want) =>
        {
            if (want.WantType == WantType.Block)
            {
                await self.SendBlockAsync(from, block);
            }
        });
        await using var third = new ScriptedPeer(hub, async (self, from, want) =>
        {
            if (want.WantType == WantType.Have)
            {
                await self.Probe.SendAsync(from, new BitswapMessage { BlockPresences = [new BlockPresence(want.Cid, BlockPresenceType.Have)] });
                // Frames from one peer are handled in order: the fetcher's DONT_HAVE for the probe proves the HAVE was taken.
                await self.Probe.SendAsync(from, WantlistEntry.WantHave(probe));
            }
            else
            {
                await self.SendBlockAsync(from, block);
            }
        });
        foreach (var peer in new[] { first, second, third })
        {
            hub.Connect(peer.Endpoint, fetcher.Endpoint);
        }

        // Join order first, second, third: the want-block goes to the first, want-haves to the other two.
        var fetching = fetcher.Node.FetchAsync(block.Cid, Patient with { Peers = [first.Id, second.Id, third.Id] });
        await third.WaitForAsync(peer => peer.HeardPresence(probe), "the fetcher's answer after its HAVE");
        hub.Disconnect(third.Endpoint, fetcher.Endpoint);
        hub.Connect(third.Endpoint, fetcher.Endpoint);
        reconnected.SetResult();
        var result = await fetching.WaitAsync(TimeSpan.FromSeconds(30));

        // A HAVE from before the disconnect says nothing now; the join order decides between the two left.
        Assert.True(result.IsComplete, result.Error);
        Assert.Single(second.WantBlocks(block.Cid));
        Assert.Empty(third.WantBlocks(block.Cid));
    }
}
