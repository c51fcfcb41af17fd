using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Bitswap.Support;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Client;

/// <summary>
/// Which peers a running fetch asks as they connect, leave, come back and get banned: observed through the wants each
/// scripted peer receives and the fetch's dropped peers, not only through the blocks the fetch returns. The DAG is one
/// block, so every want is for the root. Timeouts and the retry interval are long: only a connect, a disconnect or a ban
/// can move the fetch on, and a mutant that breaks that path leaves the fetch stuck until its bounded wait fails.
/// </summary>
public class BitswapSessionPeersTests
{
    private static readonly FetchOptions Patient = new()
    {
        PeerStallTimeout = TimeSpan.FromSeconds(60),
        WantTimeout = TimeSpan.FromSeconds(60),
        RetryInterval = TimeSpan.FromSeconds(60),
        NoProgressTimeout = TimeSpan.FromSeconds(15),
    };

    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task PeerConnectingMidFetch_IsAskedForTheParkedBlock_AndThePeerThatDeclinedIsNotAskedAgain()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        await using var holder = await BitswapTestNode.StartAsync(hub);
        await using var decliner = new ScriptedPeer(hub, ScriptedPeer.DeclineAsync);
        var block = await StoreAsync(holder, seed: 41);
        hub.Connect(decliner.Endpoint, fetcher.Endpoint);

        var fetching = fetcher.Node.FetchAsync(block.Cid, Patient);
        await WaitParkedAsync(decliner, block.Cid);
        hub.Connect(holder.Endpoint, fetcher.Endpoint); // not in FetchOptions.Peers: joins because UseConnectedPeers
        var result = await fetching.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.IsComplete, result.Error);
        Assert.Empty(result.DroppedPeers);
        await decliner.SettleAsync(Settle);
        Assert.Single(decliner.WantBlocks(block.Cid)); // its DONT_HAVE still stands when another peer joins
    }

    [Fact]
    public async Task BannedPeerConnectingMidFetch_IsNeverAsked()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        await using var holder = await BitswapTestNode.StartAsync(hub);
        await using var decliner = new ScriptedPeer(hub, ScriptedPeer.DeclineAsync);
        await using var banned = new ScriptedPeer(hub, answer: null);
        var block = await StoreAsync(holder, seed: 42);
        hub.Connect(banned.Endpoint, fetcher.Endpoint);
        await BanAsync(hub, fetcher, banned);
        hub.Disconnect(banned.Endpoint, fetcher.Endpoint);
        hub.Connect(decliner.Endpoint, fetcher.Endpoint);

        var fetching = fetcher.Node.FetchAsync(block.Cid, Patient);
        await WaitParkedAsync(decliner, block.Cid);
        hub.Connect(banned.Endpoint, fetcher.Endpoint); // the parked root would go to it at once if it joined
        hub.Connect(holder.Endpoint, fetcher.Endpoint);
        var result = await fetching.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.IsComplete, result.Error);
        await banned.SettleAsync(Settle);
        Assert.Equal(0, banned.Wants);
    }

    [Fact]
    public async Task ExplicitPeersOnly_APeerOutsideTheListConnectingMidFetch_IsNeverAskedNorReportedDroppedWhenBanned()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        await using var late = await BitswapTestNode.StartAsync(hub);
        await using var decliner = new ScriptedPeer(hub, ScriptedPeer.DeclineAsync);
        await using var outsider = new ScriptedPeer(hub, answer: null);
        var block = await StoreAsync(late, seed: 43);
        hub.Connect(decliner.Endpoint, fetcher.Endpoint);
        var options = Patient with { UseConnectedPeers = false, Peers = [decliner.Id, late.Endpoint.LocalPeer] };

        var fetching = fetcher.Node.FetchAsync(block.Cid, options);
        await WaitParkedAsync(decliner, block.Cid);
        hub.Connect(outsider.Endpoint, fetcher.Endpoint);
        await BanAsync(hub, fetcher, outsider); // a ban of a peer this fetch never had must not touch it
        hub.Connect(late.Endpoint, fetcher.Endpoint); // listed, connecting only now
        var result = await fetching.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.IsComplete, result.Error);
        Assert.Empty(result.DroppedPeers);
        await outsider.SettleAsync(Settle);
        Assert.Equal(0, outsider.Wants);
    }

    [Fact]
    public async Task PeerBannedWithTheWantInFlight_IsDroppedWithTheBanReason_AndTheBlockIsAskedOfTheNextPeer()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        await using var holder = await BitswapTestNode.StartAsync(hub);
        await using var cheat = new ScriptedPeer(hub, answer: null);
        await using var decliner = new ScriptedPeer(hub, ScriptedPeer.DeclineAsync);
        var block = await StoreAsync(holder, seed: 45);
        hub.Connect(cheat.Endpoint, fetcher.Endpoint);
        hub.Connect(decliner.Endpoint, fetcher.Endpoint);

        // Listed peers join in list order (connected ones in no set order): the cheat gets the want-block, the
        // decliner a want-have it declines.
        var fetching = fetcher.Node.FetchAsync(block.Cid, Patient with { Peers = [cheat.Id, decliner.Id] });
        await cheat.WaitForAsync(peer => peer.WantBlocks(block.Cid).Count == 1, "the want-block");
        await WaitDeclinedAsync(decliner, block.Cid);
        await BanAsync(hub, fetcher, cheat);
        hub.Connect(holder.Endpoint, fetcher.Endpoint);
        var result = await fetching.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.IsComplete, result.Error);
        var dropped = Assert.Single(result.DroppedPeers);
        Assert.Equal(cheat.Id, dropped.Peer);
        Assert.Contains("not asked of it", dropped.Reason, StringComparison.Ordinal);
        await cheat.SettleAsync(Settle);
        Assert.Single(cheat.WantBlocks(block.Cid)); // a dropped peer is not asked again
    }

    private static async Task<Block> StoreAsync(BitswapTestNode holder, int seed)
    {
        var block = Block.Create(MulticodecCode.Raw, TestData.Random(1000, seed));
        await holder.Blocks.PutAsync(block);
        return block;
    }

    /// <summary>
    /// The fetch withdraws its want after the DONT_HAVE in the same locked step that records the refusal (and parks
    /// the block when nobody else may serve it), so what the test does next happens after that step.
    /// </summary>
    private static Task WaitParkedAsync(ScriptedPeer decliner, Cid cid) => WaitDeclinedAsync(decliner, cid);

    private static Task WaitDeclinedAsync(ScriptedPeer decliner, Cid cid) =>
        decliner.WaitForAsync(peer => peer.Cancels(cid).Count > 0, "the cancel that follows its DONT_HAVE");

    /// <summary>Gets <paramref name="peer"/> banned by the fetcher: it sends a block nobody asked it for.</summary>
    private static async Task BanAsync(MemoryBitswapHub hub, BitswapTestNode fetcher, ScriptedPeer peer)
    {
        Assert.True(hub.IsConnected(peer.Id, fetcher.Endpoint.LocalPeer));
        await peer.SendBlockAsync(fetcher.Endpoint.LocalPeer, Block.Create(MulticodecCode.Raw, TestData.Random(100, seed: 4000)));
        await WaitUntilAsync(() => fetcher.Node.Client.IsBanned(peer.Id), $"{peer.Id} banned");
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
