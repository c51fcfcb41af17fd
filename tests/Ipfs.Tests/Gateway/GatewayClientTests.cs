using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Dag;
using DePinGpu.Ipfs.Gateway;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.TestSupport;

namespace DePinGpu.Ipfs.Tests.Gateway;

public class GatewayClientTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FetchDag_FromOurGateway_StoresEveryBlockVerified(bool preferCar)
    {
        var (source, root) = await BuildSourceAsync();
        await using var gateway = await RunningGateway.StartAsync(source);
        var destination = new MemoryBlockStore();
        var counting = new CountingHandler();
        using var client = NewClient([gateway.BaseAddress], counting, options => options with { PreferCar = preferCar });

        var result = await client.FetchDagAsync(root, destination);

        var expected = await DagBlocksAsync(source, root);
        AssertSameBlocks(expected, await DagBlocksAsync(destination, root));
        Assert.Equal(expected.Count, result.BlocksFetched);
        Assert.Equal(0, result.BlocksAlreadyPresent);
        Assert.Equal(expected.Values.Sum(bytes => (long)bytes.Length), result.BytesFetched);
        Assert.Empty(result.RecoveredFailures);
        Assert.Equal(preferCar ? 1 : expected.Count, counting.Requests.Count);
    }

    [Fact]
    public async Task FetchDag_SomeBlocksAlreadyStored_FetchesOnlyTheMissingOnes()
    {
        var (source, root) = await BuildSourceAsync();
        await using var gateway = await RunningGateway.StartAsync(source);
        var destination = new MemoryBlockStore();
        var all = await DagBlocksAsync(source, root);
        var preStored = all.Where((_, index) => index % 2 == 0).ToList();
        foreach (var (cid, bytes) in preStored)
        {
            await destination.PutAsync(Block.Verify(cid, bytes));
        }

        var counting = new CountingHandler();
        using var client = NewClient([gateway.BaseAddress], counting);

        var result = await client.FetchDagAsync(root, destination);

        Assert.Equal(all.Count - preStored.Count, result.BlocksFetched);
        Assert.Equal(preStored.Count, result.BlocksAlreadyPresent);
        Assert.Equal(all.Count - preStored.Count, counting.RawRequests);
        Assert.DoesNotContain(counting.Requests, uri => preStored.Any(block => uri.AbsolutePath.EndsWith(block.Key.ToString(), StringComparison.Ordinal)));
        AssertSameBlocks(all, await DagBlocksAsync(destination, root));
    }

    [Fact]
    public async Task FetchDag_InterruptedThenResumed_DownloadsNoBlockTwice()
    {
        var (source, root) = await BuildSourceAsync();
        var all = await DagBlocksAsync(source, root);
        var missing = all.Keys.Last();
        var partial = new MemoryBlockStore();
        foreach (var (cid, bytes) in all.Where(block => block.Key != missing))
        {
            await partial.PutAsync(Block.Verify(cid, bytes));
        }

        await using var partialGateway = await RunningGateway.StartAsync(partial);
        await using var fullGateway = await RunningGateway.StartAsync(source);
        var destination = new MemoryBlockStore();

        using (var first = NewClient([partialGateway.BaseAddress]))
        {
            var failure = await Assert.ThrowsAsync<GatewayFetchException>(() => first.FetchDagAsync(root, destination));
            Assert.Equal(missing, failure.Cid);
            Assert.Contains(missing.ToString(), failure.Message);
            Assert.All(failure.Failures, attempt => Assert.Equal(GatewayFailureKind.NotFound, attempt.Kind));
        }

        Assert.Equal(all.Count - 1, destination.GetUsage().BlockCount);
        var counting = new CountingHandler();
        using var second = NewClient([fullGateway.BaseAddress], counting);
        var result = await second.FetchDagAsync(root, destination);

        Assert.Equal(1, result.BlocksFetched);
        Assert.Equal(all.Count - 1, result.BlocksAlreadyPresent);
        Assert.Equal([new Uri(fullGateway.BaseAddress, $"ipfs/{missing}?format=raw")], counting.Requests);
        AssertSameBlocks(all, await DagBlocksAsync(destination, root));
    }

    [Fact]
    public async Task FetchDag_DeadAndIncompleteGateways_FailsOverToAWorkingOne()
    {
        var (source, root) = await BuildSourceAsync();
        var dead = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var empty = await RunningGateway.StartAsync(new MemoryBlockStore());
        await using var full = await RunningGateway.StartAsync(source);
        var destination = new MemoryBlockStore();
        using var client = NewClient([dead, empty.BaseAddress, full.BaseAddress]);

        var result = await client.FetchDagAsync(root, destination);

        AssertSameBlocks(await DagBlocksAsync(source, root), await DagBlocksAsync(destination, root));
        Assert.Contains(result.RecoveredFailures, failure => failure.Kind == GatewayFailureKind.Network && failure.Gateway == dead);
        Assert.Contains(result.RecoveredFailures, failure => failure.Kind == GatewayFailureKind.NotFound && failure.Gateway == empty.BaseAddress);
    }

    [Fact]
    public async Task FetchBlock_LyingGateway_IsReportedAsCorruptWithGatewayAndCid()
    {
        var (source, root) = await BuildSourceAsync();
        var leaf = (await DagBlocksAsync(source, root)).Last();
        await using var liar = await LyingGatewayStandIn.StartAsync();
        var flipped = leaf.Value.ToArray();
        flipped[0] ^= 0x01;
        liar.Serve(leaf.Key, flipped);
        using var client = NewClient([liar.BaseAddress]);

        var exception = await Assert.ThrowsAsync<GatewayFetchException>(() => client.FetchBlockAsync(leaf.Key));

        var failure = Assert.Single(exception.Failures);
        Assert.Equal(GatewayFailureKind.Corrupt, failure.Kind);
        Assert.Contains(leaf.Key.ToString(), exception.Message);
        Assert.Contains(liar.BaseAddress.ToString(), exception.Message);
        Assert.Contains("corrupt", exception.Message);
    }

    [Fact]
    public async Task FetchDag_CorruptCopyAtOneGateway_TakesTheValidCopyFromAnother()
    {
        var (source, root) = await BuildSourceAsync();
        var all = await DagBlocksAsync(source, root);
        await using var liar = await LyingGatewayStandIn.StartAsync();
        foreach (var (cid, bytes) in all)
        {
            var copy = bytes.ToArray();
            if (cid.Codec == MulticodecCode.Raw && copy.Length > 0)
            {
                copy[0] ^= 0xFF;
            }

            liar.Serve(cid, copy);
        }

        await using var honest = await RunningGateway.StartAsync(source);
        var destination = new MemoryBlockStore();
        using var client = NewClient([liar.BaseAddress, honest.BaseAddress], options => options with { PreferCar = false });

        var result = await client.FetchDagAsync(root, destination);

        AssertSameBlocks(all, await DagBlocksAsync(destination, root));
        Assert.Contains(result.RecoveredFailures, failure => failure.Kind == GatewayFailureKind.Corrupt && failure.Gateway == liar.BaseAddress);
    }

    [Fact]
    public async Task FetchDag_CarWithCorruptAndForeignBlocks_StoresOnlyVerifiedDagBlocksThenCompletes()
    {
        var (source, root) = await BuildSourceAsync();
        var all = (await DagBlocksAsync(source, root)).Select(pair => (Cid: pair.Key, Data: pair.Value)).ToList();
        var foreign = Block.Create(MulticodecCode.Raw, "not part of the DAG"u8.ToArray());
        var corrupt = all[^1].Data.ToArray();
        corrupt[^1] ^= 0x10;
        await using var liar = await LyingGatewayStandIn.StartAsync();
        liar.CarSections = [all[0], all[1], (foreign.Cid, foreign.Data.ToArray()), .. all.Skip(2).SkipLast(1), (all[^1].Cid, corrupt)];
        await using var honest = await RunningGateway.StartAsync(source);
        var destination = new MemoryBlockStore();
        using var client = NewClient([liar.BaseAddress, honest.BaseAddress]);

        var result = await client.FetchDagAsync(root, destination);

        Assert.False(await destination.HasAsync(foreign.Cid));
        AssertSameBlocks(all.ToDictionary(pair => pair.Cid, pair => pair.Data), await DagBlocksAsync(destination, root));
        var carFailure = Assert.Single(result.RecoveredFailures);
        Assert.Equal(GatewayFailureKind.Corrupt, carFailure.Kind);
        Assert.Contains(all[^1].Cid.ToString(), carFailure.Message);
        Assert.Equal(all.Count, result.BlocksFetched);
    }

    [Fact]
    public async Task FetchDag_BlockLargerThanTheLimit_IsRefused()
    {
        var (source, root) = await BuildSourceAsync();
        await using var gateway = await RunningGateway.StartAsync(source);
        using var client = NewClient([gateway.BaseAddress], options => options with { PreferCar = false, MaxBlockSize = 64 * 1024 });

        var exception = await Assert.ThrowsAsync<GatewayFetchException>(() => client.FetchDagAsync(root, new MemoryBlockStore()));

        Assert.Equal(GatewayFailureKind.TooLarge, Assert.Single(exception.Failures).Kind);
    }

    [Fact]
    public async Task FetchDag_DownloadLimit_StopsTheFetch()
    {
        var (source, root) = await BuildSourceAsync();
        await using var gateway = await RunningGateway.StartAsync(source);
        using var client = NewClient([gateway.BaseAddress], options => options with { MaxFetchBytes = 300_000 });

        await Assert.ThrowsAsync<InvalidDataException>(() => client.FetchDagAsync(root, new MemoryBlockStore()));
    }

    [Fact]
    public void Options_Invalid_AreAllNamed()
    {
        var options = new GatewayClientOptions { Gateways = [new Uri("ftp://example/")], MaxParallelRequests = 0, MaxBlockSize = 1 };

        var exception = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("http://", exception.Message);
        Assert.Contains("MaxParallelRequests", exception.Message);
        Assert.Contains("MaxBlockSize", exception.Message);
    }

    /// <summary>A store with a directory of a 3 MiB random file, a small file and pattern(1 MiB).</summary>
    internal static async Task<(MemoryBlockStore Store, Cid Root)> BuildSourceAsync()
    {
        var store = new MemoryBlockStore();
        var big = await UnixFsFixture.AddFileAsync(store, TestData.Random(3 * TestData.MiB + 7, seed: 11));
        var small = await UnixFsFixture.AddFileAsync(store, "small"u8.ToArray());
        var pattern = await UnixFsFixture.AddFileAsync(store, TestData.Pattern(TestData.MiB));
        var directory = await UnixFsFixture.AddDirectoryAsync(store, ("big.bin", big.Cid, big.Tsize), ("small.txt", small.Cid, small.Tsize), ("pattern.bin", pattern.Cid, pattern.Tsize));
        return (store, directory.Cid);
    }

    /// <summary>The DAG's blocks in walk order (each verified by the walker).</summary>
    internal static async Task<Dictionary<Cid, byte[]>> DagBlocksAsync(IBlockStore store, Cid root)
    {
        var blocks = new Dictionary<Cid, byte[]>();
        await foreach (var block in DagWalker.WalkAsync(store, root))
        {
            using (block)
            {
                blocks.Add(block.Cid, block.Data.ToArray());
            }
        }

        return blocks;
    }

    /// <summary>Same CIDs in the same order with the same bytes (xunit's deep comparison of megabyte arrays is very slow).</summary>
    internal static void AssertSameBlocks(IReadOnlyDictionary<Cid, byte[]> expected, IReadOnlyDictionary<Cid, byte[]> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        Assert.All(expected, pair => Assert.True(pair.Value.AsSpan().SequenceEqual(actual[pair.Key]), $"block {pair.Key} differs"));
    }

    private static GatewayClient NewClient(Uri[] gateways, Func<GatewayClientOptions, GatewayClientOptions>? configure = null) =>
        NewClient(gateways, handler: null, configure);

    private static GatewayClient NewClient(Uri[] gateways, CountingHandler? handler, Func<GatewayClientOptions, GatewayClientOptions>? configure = null)
    {
        var options = new GatewayClientOptions { Gateways = gateways, RequestTimeout = TimeSpan.FromSeconds(10), RetryDelay = TimeSpan.FromMilliseconds(10), MaxRounds = 2 };
        options = configure?.Invoke(options) ?? options;
        return new GatewayClient(options, handler is null ? null : new HttpClient(handler));
    }
}
