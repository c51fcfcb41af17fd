using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Tests.Bitswap.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Client;

/// <summary>
/// The progress a fetch reports through <see cref="IProgress{T}"/> and in its result: one report per stored block with a
/// zero interval, throttled reports otherwise, blocks and bytes already present, and nothing counted past the end of a
/// fetch refused as an invalid DAG.
/// </summary>
public class BitswapFetchProgressTests
{
    [Fact]
    public async Task ZeroInterval_ReportsEachStoredBlockOnce_ThenTheResult()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var holder = new ProbePeer(hub);
        hub.Connect(holder.Endpoint, fetcher.Endpoint);
        var leaves = Enumerable.Range(0, 20).Select(seed => SessionProbes.Raw(seed: 100 + seed)).ToArray();
        var root = SessionProbes.Node(leaves);
        var me = fetcher.Endpoint.LocalPeer;
        var reports = new List<FetchProgress>();

        var fetching = fetcher.Node.FetchAsync(root.Cid, SessionProbes.Scripted(holder), new SynchronousProgress<FetchProgress>(reports.Add));
        await holder.NextWantBlockAsync();
        await holder.SendBlocksAsync(me, root);
        await holder.CollectWantBlocksAsync(leaves.Length);

        // All leaves in one message: they are stored within the same millisecond, and each still gets its report.
        await holder.SendBlocksAsync(me, leaves);
        var result = await fetching;

        Assert.Equal(FetchOutcome.Completed, result.Outcome);
        Assert.Equal(new FetchProgress(21, root.Data.Length + (20 * 1000), 0, 0, 0, 0, 1), result.Progress);
        Assert.Equal([.. Enumerable.Range(1, 21).Select(count => (long)count), 21], reports.Select(report => report.BlocksFetched));
        Assert.Equal(result.Progress, reports[^1]);
        Assert.Equal(new FetchProgress(1, root.Data.Length, 0, 0, 20, 20, 1), reports[0]);
    }

    [Fact]
    public async Task LongInterval_ReportsTheFirstBlockThenOnlyTheResult()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var holder = new ProbePeer(hub);
        hub.Connect(holder.Endpoint, fetcher.Endpoint);
        var leaves = Enumerable.Range(0, 3).Select(seed => SessionProbes.Raw(seed: 200 + seed)).ToArray();
        var root = SessionProbes.Node(leaves);
        var me = fetcher.Endpoint.LocalPeer;
        var reports = new List<FetchProgress>();
        using var stop = new CancellationTokenSource();
        var serving = holder.ServeAsync(me, [root, .. leaves], stop.Token);

        var result = await fetcher.Node.FetchAsync(
            root.Cid, SessionProbes.Scripted(holder) with { ProgressInterval = TimeSpan.FromHours(1) }, new SynchronousProgress<FetchProgress>(reports.Add));
        await stop.CancelAsync();
        await serving;

        Assert.Equal(FetchOutcome.Completed, result.Outcome);
        Assert.Equal([1, 4], reports.Select(report => report.BlocksFetched));
    }

    [Fact]
    public async Task PartlyStoredDag_CountsPresentBlocksAndTheBytesOfThePresentNode()
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var holder = new ProbePeer(hub);
        hub.Connect(holder.Endpoint, fetcher.Endpoint);
        var leaves = Enumerable.Range(0, 4).Select(seed => SessionProbes.Raw(seed: 300 + seed)).ToArray();
        var root = SessionProbes.Node(leaves);
        await fetcher.Blocks.PutAsync(root);
        await fetcher.Blocks.PutAsync(leaves[1]);
        using var stop = new CancellationTokenSource();
        var serving = holder.ServeAsync(fetcher.Endpoint.LocalPeer, leaves, stop.Token);

        var result = await fetcher.Node.FetchAsync(root.Cid, SessionProbes.Scripted(holder));
        await stop.CancelAsync();
        await serving;

        // Raw leaves already present are only checked for presence; the root node is read, so its bytes count.
        Assert.Equal(FetchOutcome.Completed, result.Outcome);
        Assert.Equal(new FetchProgress(3, 3000, 2, root.Data.Length, 0, 0, 1), result.Progress);
    }

    public static TheoryData<string> InvalidLinks => ["too many blocks", "dag-cbor", "sha2-512"];

    [Theory]
    [MemberData(nameof(InvalidLinks))]
    public async Task RootWithAnInvalidLink_EndsInvalid_AndNothingIsCountedOrReportedPastTheResult(string invalid)
    {
        await using var hub = new MemoryBitswapHub();
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var holder = new ProbePeer(hub);
        hub.Connect(holder.Endpoint, fetcher.Endpoint);
        var bad = invalid switch
        {
            "dag-cbor" => Cid.CreateV1(0x71, Multihash.Sha256([1, 2, 3])),
            "sha2-512" => Cid.CreateV1(MulticodecCode.Raw, Multihash.Create(0x13, new byte[64])),
            _ => SessionProbes.Raw(seed: 400).Cid,
        };
        var root = SessionProbes.NodeLinking(SessionProbes.Raw(seed: 401).Cid, bad);
        var reports = new List<FetchProgress>();

        var fetching = fetcher.Node.FetchAsync(root.Cid, SessionProbes.Scripted(holder) with { MaxBlocks = invalid == "too many blocks" ? 2 : 10 },
            new SynchronousProgress<FetchProgress>(reports.Add));
        await holder.NextWantBlockAsync();
        await holder.SendBlocksAsync(fetcher.Endpoint.LocalPeer, root);
        var result = await fetching;

        Assert.Equal(FetchOutcome.InvalidDag, result.Outcome);
        Assert.Empty(result.MissingBlocks); // only an unavailable fetch names missing blocks
        Assert.Equal(0, result.Progress.BlocksFetched);
        Assert.All(reports, report => Assert.Equal(0, report.BlocksFetched));
    }
}
