using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Bitswap.Support;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Client;

/// <summary>
/// Fetching while a hostile peer is connected: one that floods valid blocks nobody asked it for, one that answers HAVE
/// to everything and sends nothing. The fetch must complete from the honest peer and store only the DAG.
/// </summary>
public class BitswapHostilePeerTests
{
    private static readonly FetchOptions Quick = new()
    {
        PeerStallTimeout = TimeSpan.FromMilliseconds(500),
        WantTimeout = TimeSpan.FromSeconds(2),
        RetryInterval = TimeSpan.FromMilliseconds(200),
        NoProgressTimeout = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public async Task PeerFloodingUnsolicitedValidBlocks_IsBanned_AndNoneOfThemIsStored()
    {
        await using var hub = new MemoryBitswapHub();
        await using var honest = await BitswapTestNode.StartAsync(hub);
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var flooder = new ProbePeer(hub);
        var content = TestData.Random(6 * TestData.Chunk, seed: 31);
        var root = await honest.ImportAsync(content);
        hub.Connect(honest.Endpoint, fetcher.Endpoint);
        hub.Connect(flooder.Endpoint, fetcher.Endpoint);
        var flood = Enumerable.Range(0, 50).Select(index => Block.Create(MulticodecCode.Raw, TestData.Random(1000, seed: 1000 + index))).ToList();

        var fetching = fetcher.Node.FetchAsync(root, Quick);
        await flooder.NextAsync(); // the fetcher asked the flooder something: it is in the fetch
        await flooder.SendAsync(fetcher.Endpoint.LocalPeer, new BitswapMessage { Blocks = [.. flood.Select(block => new BitswapBlock(CidPrefix.Of(block.Cid), block.Data))] });
        var result = await fetching;

        Assert.True(result.IsComplete, result.Error);
        Assert.Equal(content, await fetcher.ReadFileAsync(root));
        Assert.True(fetcher.Node.Client.IsBanned(flooder.Id));
        var dag = new HashSet<Cid>([root, .. Ipfs.Dag.DagLinks.Of(root, (await honest.Blocks.GetAsync(root))!)]);
        await foreach (var stored in fetcher.Blocks.EnumerateAsync())
        {
            Assert.Contains(stored, dag);
        }
    }

    [Fact]
    public async Task PeerLyingHaveForEverything_IsAskedThenOutwaited_AndTheFetchCompletesFromTheHonestPeer()
    {
        await using var hub = new MemoryBitswapHub();
        await using var honest = await BitswapTestNode.StartAsync(hub);
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var liar = new ProbePeer(hub);
        var content = TestData.Random(10 * TestData.Chunk, seed: 32);
        var root = await honest.ImportAsync(content);
        hub.Connect(liar.Endpoint, fetcher.Endpoint);
        hub.Connect(honest.Endpoint, fetcher.Endpoint);
        using var stop = new CancellationTokenSource();
        var wantBlocksAtLiar = 0;
        var lying = Task.Run(async () =>
        {
            while (true) // ends when the fetch is over: WaitAsync throws on the stop token
            {
                var message = await liar.NextAsync(TimeSpan.FromMinutes(1)).WaitAsync(stop.Token);
                var asked = message.Wants.Where(want => !want.Cancel).ToList();
                Interlocked.Add(ref wantBlocksAtLiar, asked.Count(want => want.WantType == WantType.Block));
                if (asked.Count > 0)
                {
                    await liar.SendAsync(message.From, new BitswapMessage { BlockPresences = [.. asked.Select(want => new BlockPresence(want.Cid, BlockPresenceType.Have))] });
                }
            }
        });

        var result = await fetcher.Node.FetchAsync(root, Quick with { WantHaveFanout = 2 });
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lying);

        Assert.True(result.IsComplete, result.Error);
        Assert.Equal(content, await fetcher.ReadFileAsync(root));
        Assert.True(wantBlocksAtLiar > 0, "the liar's HAVEs were never believed, so the test did not exercise a lie");
    }
}
