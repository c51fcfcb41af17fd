using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.DagPb;
using DePinGpu.Ipfs.Tests.Bitswap.Support;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Client;

public class BitswapFetchResilienceTests
{
    private static readonly FetchOptions Quick = new()
    {
        PeerStallTimeout = TimeSpan.FromMilliseconds(500),
        WantTimeout = TimeSpan.FromSeconds(2),
        RetryInterval = TimeSpan.FromMilliseconds(200),
        NoProgressTimeout = TimeSpan.FromSeconds(3),
    };

    [Fact]
    public async Task HolderDisconnectsMidTransfer_FetchCompletesFromTheOther()
    {
        await using var hub = new MemoryBitswapHub();
        await using var leaving = await BitswapTestNode.StartAsync(hub);
        await using var staying = await BitswapTestNode.StartAsync(hub);
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var content = TestData.Random(40 * TestData.Chunk, seed: 21);
        var root = await leaving.ImportAsync(content);
        await staying.ImportAsync(content);
        hub.Connect(leaving.Endpoint, fetcher.Endpoint);
        hub.Connect(staying.Endpoint, fetcher.Endpoint);
        var cut = 0;
        long fetchedAtCut = 0;
        var progress = new SynchronousProgress<FetchProgress>(report =>
        {
            if (report.BlocksFetched >= 10 && Interlocked.Exchange(ref cut, 1) == 0)
            {
                fetchedAtCut = report.BlocksFetched;
                hub.Disconnect(leaving.Endpoint, fetcher.Endpoint);
            }
        });

        var result = await fetcher.Node.FetchAsync(root, Quick with { ProgressInterval = TimeSpan.Zero }, progress);

        Assert.True(result.IsComplete, result.Error);
        Assert.Equal(1, cut);
        Assert.InRange(fetchedAtCut, 10, 30);
        Assert.Equal(content, await fetcher.ReadFileAsync(root));
    }

    [Fact]
    public async Task HolderServingACorruptBlock_IsBannedAndTheBlockComesFromTheOther()
    {
        await using var hub = new MemoryBitswapHub();
        await using var corrupt = await BitswapTestNode.StartAsync(hub);
        await using var honest = await BitswapTestNode.StartAsync(hub);
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var content = TestData.Random(12 * TestData.Chunk, seed: 22);
        var root = await corrupt.ImportAsync(content);
        await honest.ImportAsync(content);
        var links = Ipfs.Dag.DagLinks.Of(root, (await corrupt.Blocks.GetAsync(root))!);
        foreach (var leaf in links)
        {
            var bytes = (await corrupt.Blocks.GetAsync(leaf))!;
            bytes[100] ^= 0xFF;
            corrupt.Blocks.Overwrite(leaf, bytes);
        }

        hub.Connect(corrupt.Endpoint, fetcher.Endpoint);
        hub.Connect(honest.Endpoint, fetcher.Endpoint);

        var result = await fetcher.Node.FetchAsync(root, Quick);

        Assert.True(result.IsComplete, result.Error);
        Assert.Equal(content, await fetcher.ReadFileAsync(root));
        var dropped = Assert.Single(result.DroppedPeers);
        Assert.Equal(corrupt.Endpoint.LocalPeer, dropped.Peer);
        Assert.Contains("not asked of it", dropped.Reason, StringComparison.Ordinal);
        Assert.True(fetcher.Node.Client.IsBanned(corrupt.Endpoint.LocalPeer));
        await foreach (var cid in fetcher.Blocks.EnumerateAsync())
        {
            Assert.True(cid.Hash.Matches((await fetcher.Blocks.GetAsync(cid))!), $"{cid} was stored without matching its hash.");
        }
    }

    [Fact]
    public async Task HolderServingACorruptBlock_CountsOneBanOnTheFetchersMeter()
    {
        await using var hub = new MemoryBitswapHub();
        await using var corrupt = await BitswapTestNode.StartAsync(hub);
        await using var honest = await BitswapTestNode.StartAsync(hub);
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var content = TestData.Random(4 * TestData.Chunk, seed: 23);
        var root = await corrupt.ImportAsync(content);
        await honest.ImportAsync(content);
        var rootBytes = (await corrupt.Blocks.GetAsync(root))!;
        rootBytes[^1] ^= 0xFF;
        corrupt.Blocks.Overwrite(root, rootBytes);
        hub.Connect(corrupt.Endpoint, fetcher.Endpoint);
        hub.Connect(honest.Endpoint, fetcher.Endpoint);
        long bans = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter.Name == BitswapClient.MeterName && instrument.Name == "bitswap.peers_banned"
                && instrument.Meter.Tags?.Any(tag => Equals(tag.Value, fetcher.Endpoint.LocalPeer.ToString())) == true)
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref bans, value));
        listener.Start();

        // The corrupt holder may not be asked at all (the honest one can answer first); ask it alone first so it is.
        var alone = await fetcher.Node.FetchAsync(root, Quick with { UseConnectedPeers = false, Peers = [corrupt.Endpoint.LocalPeer], NoProgressTimeout = TimeSpan.FromSeconds(1) });
        var result = await fetcher.Node.FetchAsync(root, Quick);

        Assert.False(alone.IsComplete);
        Assert.True(result.IsComplete, result.Error);
        Assert.Equal(1, Interlocked.Read(ref bans));
        Assert.True(fetcher.Node.Client.IsBanned(corrupt.Endpoint.LocalPeer));
    }

    [Fact]
    public async Task HolderThatNeverAnswers_StallsAndTheWantsGoToTheOther()
    {
        await using var hub = new MemoryBitswapHub();
        await using var silent = await BitswapTestNode.StartAsync(hub);
        await using var answering = await BitswapTestNode.StartAsync(hub);
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var content = TestData.Random(8 * TestData.Chunk, seed: 23);
        var root = await silent.ImportAsync(content);
        await answering.ImportAsync(content);
        hub.Interceptor = (from, _, frame) => from == silent.Endpoint.LocalPeer ? null : frame;
        hub.Connect(silent.Endpoint, fetcher.Endpoint);
        hub.Connect(answering.Endpoint, fetcher.Endpoint);

        var result = await fetcher.Node.FetchAsync(root, Quick with { WantHaveFanout = 0 });

        Assert.True(result.IsComplete, result.Error);
        Assert.Equal(content, await fetcher.ReadFileAsync(root));
    }

    [Fact]
    public async Task NoPeerHasTheContent_EndsUnavailableNamingTheMissingRoot()
    {
        await using var hub = new MemoryBitswapHub();
        await using var empty = await BitswapTestNode.StartAsync(hub);
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        hub.Connect(empty.Endpoint, fetcher.Endpoint);
        var missing = Cid.ForBlock(MulticodecCode.Raw, TestData.Random(1000, seed: 24));

        var result = await fetcher.Node.FetchAsync(missing, Quick with { NoProgressTimeout = TimeSpan.FromSeconds(1) });

        Assert.Equal(FetchOutcome.Unavailable, result.Outcome);
        Assert.Equal([missing], result.MissingBlocks);
        Assert.False(result.Pinned);
        Assert.Contains("still missing", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelledFetch_ThrowsAndALaterFetchResumes()
    {
        await using var hub = new MemoryBitswapHub();
        await using var holder = await BitswapTestNode.StartAsync(hub);
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var content = TestData.Random(30 * TestData.Chunk, seed: 25);
        var root = await holder.ImportAsync(content);
        hub.Connect(holder.Endpoint, fetcher.Endpoint);
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress<FetchProgress>(report =>
        {
            if (report.BlocksFetched >= 8)
            {
                cancellation.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            fetcher.Node.FetchAsync(root, new FetchOptions { MaxWantsInFlight = 4, ProgressInterval = TimeSpan.Zero }, progress, cancellation.Token));
        var resumed = await fetcher.Node.FetchAsync(root);

        Assert.True(resumed.IsComplete);
        Assert.True(resumed.Progress.BlocksAlreadyPresent >= 8, $"only {resumed.Progress.BlocksAlreadyPresent} blocks were kept");
        Assert.Equal(31, resumed.Progress.BlocksAlreadyPresent + resumed.Progress.BlocksFetched);
        Assert.Equal(content, await fetcher.ReadFileAsync(root));
    }

    [Fact]
    public async Task BlockThatIsNotDagPb_EndsAsInvalidDag()
    {
        await using var hub = new MemoryBitswapHub();
        await using var holder = await BitswapTestNode.StartAsync(hub);
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var garbage = Block.Create(MulticodecCode.DagPb, TestData.Hex("ff ff ff"));
        await holder.Blocks.PutAsync(garbage);
        hub.Connect(holder.Endpoint, fetcher.Endpoint);

        var result = await fetcher.Node.FetchAsync(garbage.Cid, Quick);

        Assert.Equal(FetchOutcome.InvalidDag, result.Outcome);
        Assert.Contains(garbage.Cid.ToString(), result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DagLinkingAnUnverifiableHash_EndsAsInvalidDag()
    {
        await using var hub = new MemoryBitswapHub();
        await using var holder = await BitswapTestNode.StartAsync(hub);
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var blake = Cid.CreateV1(MulticodecCode.Raw, Multihash.Create(0x1e, new byte[32]));
        var node = Block.Create(MulticodecCode.DagPb, DagPbEncoder.Encode(new PbNode([new PbLink(blake, "", 1)], TestData.Hex("0801"))));
        await holder.Blocks.PutAsync(node);
        hub.Connect(holder.Endpoint, fetcher.Endpoint);

        var result = await fetcher.Node.FetchAsync(node.Cid, Quick);

        Assert.Equal(FetchOutcome.InvalidDag, result.Outcome);
        Assert.Contains("cannot be verified", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoConcurrentFetchesOfOverlappingDags_BothComplete()
    {
        await using var hub = new MemoryBitswapHub();
        await using var holder = await BitswapTestNode.StartAsync(hub);
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var content = TestData.Random(16 * TestData.Chunk, seed: 26);
        var whole = await holder.ImportAsync(content);
        var prefix = await holder.ImportAsync(content[..(8 * TestData.Chunk)]);
        hub.Connect(holder.Endpoint, fetcher.Endpoint);

        var results = await Task.WhenAll(fetcher.Node.FetchAsync(whole), fetcher.Node.FetchAsync(prefix));

        Assert.All(results, result => Assert.True(result.IsComplete, result.Error));
        Assert.Equal(content, await fetcher.ReadFileAsync(whole));
        Assert.Equal(content[..(8 * TestData.Chunk)], await fetcher.ReadFileAsync(prefix));
    }
}
