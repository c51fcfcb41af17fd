using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Pins;
using DePinGpu.Ipfs.Tests.Bitswap.Server;
using DePinGpu.Ipfs.Tests.Bitswap.Support;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Tests.Bitswap.Client;

public class BitswapFetchTests
{
    private static readonly Cid PatternOneMebibyte = Cid.Parse("bafybeiedpcapwld4tkgtzwahfofgn4wex5ryysf4se6hwpmlrsh4ntnrau");

    [Fact]
    public async Task Fetch_FileFromOnePeer_StoresIdenticalBytesAndPinsTheRoot()
    {
        await using var hub = new MemoryBitswapHub();
        await using var holder = await BitswapTestNode.StartAsync(hub);
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var root = await holder.ImportAsync(TestData.Pattern(TestData.MiB));
        Assert.Equal(PatternOneMebibyte, root);
        hub.Connect(holder.Endpoint, fetcher.Endpoint);
        var reports = new List<FetchProgress>();

        var result = await fetcher.Node.FetchAsync(root, progress: new SynchronousProgress<FetchProgress>(reports.Add));

        Assert.Equal(FetchOutcome.Completed, result.Outcome);
        Assert.True(result.Pinned);
        Assert.Equal(5, result.Progress.BlocksFetched);
        Assert.Equal(208 + TestData.MiB, result.Progress.BytesFetched);
        Assert.Equal(TestData.Pattern(TestData.MiB), await fetcher.ReadFileAsync(root));
        Assert.Equal(PinType.Recursive, (await fetcher.Content.GetPinAsync(root))!.Type);
        Assert.NotEmpty(reports);
        Assert.Equal(5, reports[^1].BlocksFetched);
        Assert.Equal(0, reports[^1].BlocksPending);
    }

    [Fact]
    public async Task Fetch_Directory_StoresEveryEntry()
    {
        await using var hub = new MemoryBitswapHub();
        await using var holder = await BitswapTestNode.StartAsync(hub);
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        using var folder = new TemporaryDirectory();
        Directory.CreateDirectory(folder.Combine("d"));
        await File.WriteAllBytesAsync(folder.Combine("d", "a.txt"), "a"u8.ToArray());
        await File.WriteAllBytesAsync(folder.Combine("d", "b.bin"), TestData.Pattern(TestData.MiB));
        var root = (await new UnixFsImporter().ImportAsync(folder.Combine("d"), holder.Blocks)).Cid;
        Assert.Equal("bafybeic2agteiehsmj3f52e75ebhuyzu3f6iam3gzedi6pampfplpst2me", root.ToString());
        hub.Connect(holder.Endpoint, fetcher.Endpoint);

        var result = await fetcher.Node.FetchAsync(root);

        Assert.True(result.IsComplete);
        Assert.Equal(7, result.Progress.BlocksFetched);
        var entries = await new UnixFsExporter(fetcher.Blocks).ListDirectoryAsync(root).ToListAsync();
        Assert.Equal(["a.txt", "b.bin"], entries.Select(entry => entry.Name));
        Assert.Equal(TestData.Pattern(TestData.MiB), await fetcher.ReadFileAsync(PatternOneMebibyte));
    }

    [Fact]
    public async Task Fetch_SomeBlocksAlreadyStored_FetchesOnlyTheMissingOnes()
    {
        await using var hub = new MemoryBitswapHub();
        await using var holder = await BitswapTestNode.StartAsync(hub);
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var content = TestData.Random(10 * TestData.Chunk, seed: 11);
        var root = await holder.ImportAsync(content);
        await fetcher.ImportAsync(content[..(4 * TestData.Chunk)]);
        hub.Connect(holder.Endpoint, fetcher.Endpoint);

        var result = await fetcher.Node.FetchAsync(root);

        Assert.True(result.IsComplete);
        Assert.Equal(4, result.Progress.BlocksAlreadyPresent);
        Assert.Equal(7, result.Progress.BlocksFetched);
        Assert.Equal(7, holder.Node.Server.GetLedger(fetcher.Endpoint.LocalPeer)!.BlocksSent);
        Assert.Equal(content, await fetcher.ReadFileAsync(root));
    }

    [Fact]
    public async Task Fetch_EverythingStored_CompletesWithoutAnyPeer()
    {
        await using var hub = new MemoryBitswapHub();
        await using var node = await BitswapTestNode.StartAsync(hub);
        var root = await node.ImportAsync(TestData.Random(3 * TestData.Chunk, seed: 12));

        var result = await node.Node.FetchAsync(root);

        Assert.True(result.IsComplete);
        Assert.Equal(0, result.Progress.BlocksFetched);
        Assert.Equal(4, result.Progress.BlocksAlreadyPresent);
        Assert.True(result.Pinned);
    }

    [Fact]
    public async Task Fetch_BlocksSplitBetweenTwoHolders_GetsEachFromTheOneThatHasIt()
    {
        await using var hub = new MemoryBitswapHub();
        await using var first = await BitswapTestNode.StartAsync(hub);
        await using var second = await BitswapTestNode.StartAsync(hub);
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var content = TestData.Random(20 * TestData.Chunk, seed: 13);
        var root = await first.ImportAsync(content);
        await second.ImportAsync(content);
        await SplitAsync(first, second, root);
        hub.Connect(first.Endpoint, fetcher.Endpoint);
        hub.Connect(second.Endpoint, fetcher.Endpoint);

        var result = await fetcher.Node.FetchAsync(root);

        Assert.True(result.IsComplete, result.Error);
        Assert.Equal(21, result.Progress.BlocksFetched);
        Assert.Equal(content, await fetcher.ReadFileAsync(root));
        Assert.True(first.Node.Server.GetLedger(fetcher.Endpoint.LocalPeer)!.BlocksSent >= 10);
        Assert.True(second.Node.Server.GetLedger(fetcher.Endpoint.LocalPeer)!.BlocksSent >= 10);
    }

    [Fact]
    public async Task Fetch_ExplicitPeerOnly_DoesNotAskOtherConnectedPeers()
    {
        await using var hub = new MemoryBitswapHub();
        await using var chosen = await BitswapTestNode.StartAsync(hub);
        await using var other = await BitswapTestNode.StartAsync(hub);
        await using var fetcher = await BitswapTestNode.StartAsync(hub);
        var content = TestData.Random(3 * TestData.Chunk, seed: 14);
        var root = await chosen.ImportAsync(content);
        await other.ImportAsync(content);
        hub.Connect(chosen.Endpoint, fetcher.Endpoint);
        hub.Connect(other.Endpoint, fetcher.Endpoint);

        var result = await fetcher.Node.FetchAsync(root, new FetchOptions { Peers = [chosen.Endpoint.LocalPeer], UseConnectedPeers = false });

        Assert.True(result.IsComplete);
        Assert.Null(other.Node.Server.GetLedger(fetcher.Endpoint.LocalPeer));
    }

    /// <summary>Deletes every other leaf from each holder (the first keeps even leaves, the second odd), both keep the root.</summary>
    internal static async Task SplitAsync(BitswapTestNode first, BitswapTestNode second, Cid root)
    {
        var links = Ipfs.Dag.DagLinks.Of(root, (await first.Blocks.GetAsync(root))!);
        for (var index = 0; index < links.Count; index++)
        {
            await (index % 2 == 0 ? second : first).Blocks.DeleteAsync(links[index]);
        }
    }
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread (Progress&lt;T&gt; posts asynchronously).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly Lock _gate = new();

    public void Report(T value)
    {
        lock (_gate)
        {
            report(value);
        }
    }
}
