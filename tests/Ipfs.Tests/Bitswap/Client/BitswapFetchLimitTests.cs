using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.DagPb;
using DePinGpu.Ipfs.Tests.Bitswap.Support;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Client;

/// <summary>The limits a fetch keeps: the block count of the DAG, the codecs it walks, and pinning only when asked.</summary>
public class BitswapFetchLimitTests
{
    private static readonly FetchOptions Quick = new()
    {
        PeerStallTimeout = TimeSpan.FromMilliseconds(500),
        WantTimeout = TimeSpan.FromSeconds(2),
        RetryInterval = TimeSpan.FromMilliseconds(200),
        NoProgressTimeout = TimeSpan.FromSeconds(3),
    };

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    public async Task DagOfFiveBlocks_IsRefusedAboveMaxBlocks_AndFetchedAtExactlyIt(long maxBlocks, bool completes)
    {
        await using var hub = new MemoryBitswapHub();
        await using var holder = await BitswapTestNode.StartAsync(hub);
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var root = await holder.ImportAsync(TestData.Pattern(TestData.MiB)); // a root and four leaves
        hub.Connect(holder.Endpoint, fetcher.Endpoint);

        var result = await fetcher.Node.FetchAsync(root, Quick with { MaxBlocks = maxBlocks });

        if (completes)
        {
            Assert.Equal(FetchOutcome.Completed, result.Outcome);
            Assert.Equal(5, result.Progress.BlocksFetched);
        }
        else
        {
            Assert.Equal(FetchOutcome.InvalidDag, result.Outcome);
            Assert.Equal($"The DAG under {root} has more than 4 blocks, the limit of this fetch.", result.Error);
            Assert.False(result.Pinned);
        }
    }

    [Fact]
    public async Task DagLinkingAnotherCodec_EndsAsInvalidDag_NamingTheCodec()
    {
        await using var hub = new MemoryBitswapHub();
        await using var holder = await BitswapTestNode.StartAsync(hub);
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var cbor = Cid.CreateV1(0x71, Multihash.Sha256([1, 2, 3]));
        var node = Block.Create(MulticodecCode.DagPb, DagPbEncoder.Encode(new PbNode([new PbLink(cbor, "", 3)], TestData.Hex("0801"))));
        await holder.Blocks.PutAsync(node);
        hub.Connect(holder.Endpoint, fetcher.Endpoint);

        var result = await fetcher.Node.FetchAsync(node.Cid, Quick);

        Assert.Equal(FetchOutcome.InvalidDag, result.Outcome);
        Assert.Equal($"Block {cbor} has codec 0x71; only raw and dag-pb DAGs can be fetched.", result.Error);
    }

    [Fact]
    public async Task WithoutPinRoot_TheFetchCompletesAndPinsNothing()
    {
        await using var hub = new MemoryBitswapHub();
        await using var holder = await BitswapTestNode.StartAsync(hub);
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var root = await holder.ImportAsync(TestData.Random(3 * TestData.Chunk, seed: 41));
        hub.Connect(holder.Endpoint, fetcher.Endpoint);

        var result = await fetcher.Node.FetchAsync(root, Quick with { PinRoot = false });

        Assert.Equal(FetchOutcome.Completed, result.Outcome);
        Assert.False(result.Pinned);
        Assert.Null(await fetcher.Content.GetPinAsync(root));
        Assert.Equal(4, result.Progress.BlocksFetched);
        Assert.Equal(0, result.Progress.BlocksPending);
        Assert.Equal(0, result.Progress.BlocksInFlight);
    }
}
