using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.DagPb;
using DePinGpu.Ipfs.Tests.Bitswap.Support;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Client;

/// <summary>
/// The fetch's clock: a stalled peer is cooled, re-asked and finally dropped with its reason; an overdue want moves to
/// another peer; a declined block is asked again once per retry interval; a fetch with nothing arriving ends with advice.
/// Each test sets one timeout short and the others long, and observes the wants scripted peers receive. Time bounds are
/// only lower bounds (a loaded machine makes things later, never earlier) or margins of a second or more. A bound that
/// starts at a first want is taken from the start of the fetch instead: the session times from when it queues the want,
/// the peer records when it arrives, and the first one also waits for a new stream.
/// </summary>
public class BitswapStallAndTimeoutTests
{
    private static readonly FetchOptions Patient = new()
    {
        PeerStallTimeout = TimeSpan.FromSeconds(60),
        WantTimeout = TimeSpan.FromSeconds(60),
        RetryInterval = TimeSpan.FromSeconds(60),
        NoProgressTimeout = TimeSpan.FromSeconds(20),
        MaxPeerStalls = 1,
    };

    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task PeerStallingMaxPeerStallsTimes_IsCooledReaskedThenDroppedWithTheReason()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        await using var holder = await BitswapTestNode.StartAsync(hub);
        await using var silent = new ScriptedPeer(hub, answer: null);
        await using var idle = new ScriptedPeer(hub, ScriptedPeer.DeclineAsync); // never holds a want: must never count as stalled
        var block = await StoreAsync(holder, seed: 51);
        hub.Connect(silent.Endpoint, fetcher.Endpoint);
        hub.Connect(idle.Endpoint, fetcher.Endpoint);
        var stall = TimeSpan.FromSeconds(1);

        // Listed peers join in list order: the silent one gets the want-block, the idle one a want-have it declines.
        var options = Patient with { PeerStallTimeout = stall, MaxPeerStalls = 2, Peers = [silent.Id, idle.Id] };
        var started = silent.Now;
        var fetching = fetcher.Node.FetchAsync(block.Cid, options);
        await silent.WaitForAsync(peer => peer.Cancels(block.Cid).Count == 2, "two stalls (a cancel each)");
        // Dropped already (same locked step as the second cancel); a later ban must not report it a second time.
        await silent.SendBlockAsync(fetcher.Endpoint.LocalPeer, Block.Create(MulticodecCode.Raw, TestData.Random(100, seed: 5000)));
        await WaitUntilAsync(() => fetcher.Node.Client.IsBanned(silent.Id), "the silent peer banned");
        hub.Connect(holder.Endpoint, fetcher.Endpoint);
        var result = await fetching.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.IsComplete, result.Error);
        var dropped = Assert.Single(result.DroppedPeers);
        Assert.Equal(silent.Id, dropped.Peer);
        Assert.Equal("it stalled 2 times with wants in flight", dropped.Reason);
        var wants = silent.WantBlocks(block.Cid);
        var cancels = silent.Cancels(block.Cid);
        Assert.Equal(2, wants.Count);
        // Every bound is measured from the start of the fetch, on the peer's clock: the session times from when it queues
        // a want, and the peer records arrivals, which lag by however long delivery took (the first want also waits for a
        // new stream; on a loaded machine that took most of a second, and a cancel queued behind it arrived as late).
        // Stalled no sooner than the timeout, re-asked no sooner than the cooling (one timeout more), stalled again no
        // sooner than one timeout after that.
        Assert.True(cancels[0] - started >= stall, $"stalled {cancels[0] - started} after the fetch started, before the stall timeout");
        Assert.True(wants[1] - started >= 2 * stall, $"asked again {wants[1] - started} after the fetch started, while cooling");
        Assert.True(cancels[1] - started >= 3 * stall, $"stalled again {cancels[1] - started} after the fetch started, before the stall timeout");
    }

    [Fact]
    public async Task OverdueWant_IsWithdrawnAndAskedOfAnotherPeer_WithoutDroppingTheSlowOne()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var block = Block.Create(MulticodecCode.Raw, TestData.Random(1000, seed: 52));
        await using var slow = new ScriptedPeer(hub, answer: null);
        await using var other = new ScriptedPeer(hub, async (self, from, want) =>
        {
            // Answer only once the slow peer's want-block was withdrawn: the timeout cancels it before re-asking. The
            // cancel may reach it replaced by the want-have the re-ask fans out (entries for one block coalesce), so
            // any later entry for the block counts; without the cancel it would get nothing until the block arrived.
            if (want.WantType == WantType.Block)
            {
                await slow.WaitForAsync(peer => peer.Entries(block.Cid) >= 2, "the withdrawal of its overdue want-block");
                await self.SendBlockAsync(from, block);
            }
        });
        hub.Connect(slow.Endpoint, fetcher.Endpoint);
        hub.Connect(other.Endpoint, fetcher.Endpoint);

        // Listed peers join in list order: the slow one gets the want-block, the other a want-have it ignores (so it
        // is not preferred as a holder).
        var options = Patient with { WantTimeout = TimeSpan.FromMilliseconds(500), Peers = [slow.Id, other.Id] };
        var result = await fetcher.Node.FetchAsync(block.Cid, options).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.IsComplete, result.Error);
        Assert.Empty(result.DroppedPeers); // a want timeout is not a stall
        Assert.Single(slow.WantBlocks(block.Cid)); // the peer that timed out is not preferred again
        Assert.Single(other.WantBlocks(block.Cid));
    }

    [Fact]
    public async Task SilentPeerWithinItsTimeouts_KeepsItsWant_AndTheFetchEndsUnavailableWithAdvice()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        await using var silent = new ScriptedPeer(hub, answer: null);
        hub.Connect(silent.Endpoint, fetcher.Endpoint);
        var missing = Cid.ForBlock(MulticodecCode.Raw, TestData.Random(1000, seed: 53));

        var result = await fetcher.Node.FetchAsync(missing, Patient with { NoProgressTimeout = TimeSpan.FromSeconds(2) })
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(FetchOutcome.Unavailable, result.Outcome);
        Assert.Empty(result.DroppedPeers); // 60 s stall timeout: not stalled within 2 s
        Assert.Contains("still missing", result.Error, StringComparison.Ordinal);
        Assert.Contains("Connect to a peer that holds the content", result.Error, StringComparison.Ordinal);
        await silent.SettleAsync(Settle);
        Assert.Single(silent.WantBlocks(missing)); // 60 s want timeout: not re-asked within 2 s
    }

    [Fact]
    public async Task DeclinedBlock_IsAskedAgainOncePerRetryInterval()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        await using var decliner = new ScriptedPeer(hub, ScriptedPeer.DeclineAsync);
        hub.Connect(decliner.Endpoint, fetcher.Endpoint);
        var missing = Cid.ForBlock(MulticodecCode.Raw, TestData.Random(1000, seed: 54));
        var options = Patient with { RetryInterval = TimeSpan.FromSeconds(2), NoProgressTimeout = TimeSpan.FromSeconds(3) };

        var started = decliner.Now;
        var result = await fetcher.Node.FetchAsync(missing, options).WaitAsync(TimeSpan.FromSeconds(30));

        // Asked at the start, again at the first retry (~2 s), not again before the end (~3 s; the next retry is ~4 s).
        Assert.Equal(FetchOutcome.Unavailable, result.Outcome);
        await decliner.SettleAsync(Settle);
        var wants = decliner.WantBlocks(missing);
        Assert.Equal(2, wants.Count);
        // Measured from the start of the fetch, not from the first want's arrival (which can come late, see above).
        Assert.True(wants[1] - started >= options.RetryInterval, $"asked again {wants[1] - started} after the fetch started, before the retry interval");
    }

    [Fact]
    public async Task DeclinedBlock_IsFetchedFromTheSamePeerAtTheRetry_WhenItHasObtainedItMeanwhile()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var block = Block.Create(MulticodecCode.Raw, TestData.Random(1000, seed: 55));
        await using var late = new ScriptedPeer(hub, async (self, from, want) =>
        {
            if (self.WantBlocks(block.Cid).Count < 2)
            {
                await ScriptedPeer.DeclineAsync(self, from, want);
            }
            else
            {
                await self.SendBlockAsync(from, block);
            }
        });
        hub.Connect(late.Endpoint, fetcher.Endpoint);

        var result = await fetcher.Node.FetchAsync(block.Cid, Patient with { RetryInterval = TimeSpan.FromMilliseconds(300) })
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.IsComplete, result.Error);
        Assert.Equal(2, late.WantBlocks(block.Cid).Count);
    }

    [Fact]
    public async Task RetryOfADeclinedBlock_ForgetsEarlierTimeouts_SoTheFirstPeerIsPreferredAgain()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var block = Block.Create(MulticodecCode.Raw, TestData.Random(1000, seed: 56));
        await using var first = new ScriptedPeer(hub, async (self, from, want) =>
        {
            // Silent on the first want-block (it times out), declines the re-ask (the block parks), serves after the retry.
            var asked = self.WantBlocks(block.Cid).Count;
            if (want.WantType == WantType.Block && asked == 2)
            {
                await ScriptedPeer.DeclineAsync(self, from, want);
            }
            else if (want.WantType == WantType.Block && asked > 2)
            {
                await self.SendBlockAsync(from, block);
            }
        });
        await using var second = new ScriptedPeer(hub, async (self, from, want) =>
        {
            // Declines the want-haves, but would serve a want-block: it must not get one.
            await (want.WantType == WantType.Block ? self.SendBlockAsync(from, block) : ScriptedPeer.DeclineAsync(self, from, want));
        });
        hub.Connect(first.Endpoint, fetcher.Endpoint);
        hub.Connect(second.Endpoint, fetcher.Endpoint);
        // The want timeout leaves the second peer ample time to have its DONT_HAVE taken before the first peer times out.
        var options = Patient with { Peers = [first.Id, second.Id], WantTimeout = TimeSpan.FromSeconds(2), RetryInterval = TimeSpan.FromSeconds(3) };

        var result = await fetcher.Node.FetchAsync(block.Cid, options).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.IsComplete, result.Error);
        Assert.Equal(3, first.WantBlocks(block.Cid).Count);
        Assert.Empty(second.WantBlocks(block.Cid));
    }

    [Fact]
    public async Task SlowButSteadyPeer_AnsweringLateInTheFetch_IsNeitherStalledNorTimedOutNorCutOff()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var leaf = Block.Create(MulticodecCode.Raw, TestData.Random(1000, seed: 57));
        var root = Block.Create(MulticodecCode.DagPb, DagPbEncoder.Encode(new PbNode([new PbLink(leaf.Cid, "", 1000)], TestData.Hex("0801"))));
        await using var slow = new ScriptedPeer(hub, async (self, from, want) =>
        {
            // A deliberately slow peer (the delays are its behaviour, not synchronisation): the root after 2 s, the leaf
            // 1 s after it is asked. Every gap stays 1 s or more inside the 3 s timeouts, but the leaf is asked 2 s
            // into the fetch, so a deadline computed from the fetch's start instead of the last event expires early.
            if (want.WantType == WantType.Block)
            {
                var isRoot = want.Cid.Equals(root.Cid);
                await Task.Delay(isRoot ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(1));
                await self.SendBlockAsync(from, isRoot ? root : leaf);
            }
        });
        hub.Connect(slow.Endpoint, fetcher.Endpoint);
        var timeout = TimeSpan.FromSeconds(3);
        var options = Patient with { PeerStallTimeout = timeout, WantTimeout = timeout, NoProgressTimeout = timeout };

        var result = await fetcher.Node.FetchAsync(root.Cid, options).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.IsComplete, result.Error);
        Assert.Empty(result.DroppedPeers);
        Assert.Equal([root.Cid, leaf.Cid], slow.WantBlockOrder()); // each asked once
    }

    [Fact]
    public async Task DagStoredAlready_CompletesWithoutPeers_EvenWhenItsWalkOutlastsTheNoProgressTimeout()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var leaves = Enumerable.Range(0, 3000).Select(index => Block.Create(MulticodecCode.Raw, BitConverter.GetBytes(index))).ToList();
        var root = Block.Create(MulticodecCode.DagPb, DagPbEncoder.Encode(new PbNode([.. leaves.Select(leaf => new PbLink(leaf.Cid, "", 4))], TestData.Hex("0801"))));
        foreach (var stored in leaves.Prepend(root))
        {
            await fetcher.Blocks.PutAsync(stored);
        }

        // Ticks every 10 ms and a 1 ms no-progress timeout: the walk of 3001 stored blocks spans many ticks, and with
        // nothing missing there is nothing to wait for, so no tick may end the fetch.
        var options = Patient with { PeerStallTimeout = TimeSpan.FromMilliseconds(80), RetryInterval = TimeSpan.FromMilliseconds(80), NoProgressTimeout = TimeSpan.FromMilliseconds(1) };
        var result = await fetcher.Node.FetchAsync(root.Cid, options).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.IsComplete, result.Error);
        Assert.Equal(3001, result.Progress.BlocksAlreadyPresent);
    }

    private static async Task<Block> StoreAsync(BitswapTestNode holder, int seed)
    {
        var block = Block.Create(MulticodecCode.Raw, TestData.Random(1000, seed));
        await holder.Blocks.PutAsync(block);
        return block;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"never: {what}");
            await Task.Delay(10);
        }
    }
}
