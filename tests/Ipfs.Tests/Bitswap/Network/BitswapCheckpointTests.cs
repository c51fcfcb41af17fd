using System.Security.Cryptography;
using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Pins;
using DePinGpu.Ipfs.Tests.Bitswap.Client;
using DePinGpu.Ipfs.Tests.Bitswap.Support;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.Ipfs.UnixFs;

namespace DePinGpu.Ipfs.Tests.Bitswap.Network;

/// <summary>Three of our nodes over loopback libp2p exchanging a 200 MiB checkpoint.</summary>
public class BitswapCheckpointTests(CheckpointFixture checkpoint) : IClassFixture<CheckpointFixture>
{
    private static readonly FetchOptions Resilient = new()
    {
        PeerStallTimeout = TimeSpan.FromSeconds(3),
        WantTimeout = TimeSpan.FromSeconds(10),
        RetryInterval = TimeSpan.FromMilliseconds(500),
        NoProgressTimeout = TimeSpan.FromSeconds(30),
        ProgressInterval = TimeSpan.FromMilliseconds(20),
    };

    [Fact]
    public async Task CheckpointSplitBetweenTwoHolders_IsFetchedCompletelyByTheThird()
    {
        await using var first = await HostBitswapNode.StartAsync(await StoreWithAsync(checkpoint.Nodes.Concat(checkpoint.Leaves.Where((_, index) => index % 2 == 0))));
        await using var second = await HostBitswapNode.StartAsync(await StoreWithAsync(checkpoint.Nodes.Concat(checkpoint.Leaves.Where((_, index) => index % 2 == 1))));
        using var disk = new TemporaryDirectory();
        await using var fetcher = await HostBitswapNode.StartAsync(await FileSystemBlockStore.OpenAsync(new BlockStoreOptions { RootPath = disk.Path }));
        await fetcher.ConnectAsync(first);
        await fetcher.ConnectAsync(second);

        var result = await fetcher.Node.FetchAsync(checkpoint.Root, Resilient);

        Assert.True(result.IsComplete, result.Error);
        Assert.Equal(checkpoint.Blocks.Count, result.Progress.BlocksFetched);
        Assert.Equal(PinType.Recursive, (await fetcher.Content.GetPinAsync(checkpoint.Root))!.Type);
        await AssertCheckpointAsync(fetcher);
        var half = checkpoint.Leaves.Count() / 2;
        Assert.InRange(first.Node.Server.GetLedger(fetcher.Id)!.BlocksSent, half, half + checkpoint.Nodes.Count() + 1);
        Assert.InRange(second.Node.Server.GetLedger(fetcher.Id)!.BlocksSent, half, half + checkpoint.Nodes.Count() + 1);
    }

    [Fact]
    public async Task HolderDisconnectsMidTransfer_FetchCompletesFromTheOther()
    {
        await using var leaving = await HostBitswapNode.StartAsync(await StoreWithAsync(checkpoint.Blocks));
        await using var staying = await HostBitswapNode.StartAsync(await StoreWithAsync(checkpoint.Blocks));
        await using var fetcher = await HostBitswapNode.StartAsync();
        await fetcher.ConnectAsync(leaving);
        await fetcher.ConnectAsync(staying);
        var quarter = checkpoint.Blocks.Count / 4;
        Task? disconnect = null;
        long fetchedAtDisconnect = 0;
        var progress = new SynchronousProgress<FetchProgress>(report =>
        {
            if (disconnect is null && report.BlocksFetched >= quarter)
            {
                fetchedAtDisconnect = report.BlocksFetched;
                disconnect = leaving.Host.StopAsync();
            }
        });

        var result = await fetcher.Node.FetchAsync(checkpoint.Root, Resilient, progress);

        Assert.NotNull(disconnect);
        await disconnect;
        Assert.True(result.IsComplete, result.Error);
        Assert.InRange(fetchedAtDisconnect, quarter, checkpoint.Blocks.Count / 2);
        Assert.False(fetcher.Host.IsConnected(leaving.Id));
        await AssertCheckpointAsync(fetcher);
    }

    [Fact]
    public async Task HolderServingCorruptedBlocks_IsDetectedAndDropped()
    {
        var corruptStore = await StoreWithAsync(checkpoint.Blocks);
        foreach (var leaf in checkpoint.Leaves.Where((_, index) => index % 50 == 7))
        {
            var bytes = leaf.Data.ToArray();
            bytes[^1] ^= 0x5A;
            corruptStore.Overwrite(leaf.Cid, bytes);
        }

        await using var corrupt = await HostBitswapNode.StartAsync(corruptStore);
        await using var honest = await HostBitswapNode.StartAsync(await StoreWithAsync(checkpoint.Blocks));
        await using var fetcher = await HostBitswapNode.StartAsync();
        await fetcher.ConnectAsync(corrupt);
        await fetcher.ConnectAsync(honest);

        var result = await fetcher.Node.FetchAsync(checkpoint.Root, Resilient);

        Assert.True(result.IsComplete, result.Error);
        var dropped = Assert.Single(result.DroppedPeers);
        Assert.Equal(corrupt.Id, dropped.Peer);
        Assert.True(fetcher.Node.Client.IsBanned(corrupt.Id));
        await AssertCheckpointAsync(fetcher);
    }

    private static async Task<MemoryBlockStore> StoreWithAsync(IEnumerable<Block> blocks)
    {
        var store = new MemoryBlockStore();
        foreach (var block in blocks)
        {
            await store.PutAsync(block);
        }

        return store;
    }

    private async Task AssertCheckpointAsync(HostBitswapNode node)
    {
        var exporter = new UnixFsExporter(node.Blocks);
        var entries = await exporter.ListDirectoryAsync(checkpoint.Root).ToListAsync();
        Assert.Equal(checkpoint.FileHashes.Keys.Order(StringComparer.Ordinal), entries.Select(entry => entry.Name).Order(StringComparer.Ordinal));
        foreach (var entry in entries)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await exporter.WriteFileAsync(entry.Cid, new HashingStream(hash));
            Assert.Equal(checkpoint.FileHashes[entry.Name], Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
    }

    /// <summary>A write-only stream that only hashes what is written.</summary>
    private sealed class HashingStream(IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => hash.AppendData(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            hash.AppendData(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
