using System.Buffers;
using System.Threading.Channels;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.UnixFs;

/// <summary>
/// Imports one file's bytes in three overlapping stages joined by bounded channels: read chunks into pooled buffers,
/// hash them and build the balanced tree, store the blocks. Hashing (the physical limit) keeps one core busy while
/// another reads and writes; memory stays at about 2 × depth × chunk size whatever the file size.
/// </summary>
internal static class FileImportPipeline
{
    /// <summary>Fills <paramref name="buffer"/> as far as the content allows; returns the bytes read (0 at the end).</summary>
    public delegate ValueTask<int> ChunkReader(Memory<byte> buffer, CancellationToken cancellationToken);

    public static async Task<(FileNodeInfo Root, long BlockCount)> RunAsync(
        ChunkReader read, IBlockStore store, ImportOptions options, CancellationToken cancellationToken)
    {
        var channelOptions = new BoundedChannelOptions(options.PipelineDepth) { SingleReader = true, SingleWriter = true };
        var chunks = Channel.CreateBounded<PendingBlock>(channelOptions);
        var blocks = Channel.CreateBounded<PendingBlock>(channelOptions);
        using var failure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tree = new BalancedTreeBuilder(options.MaxLinksPerNode);
        FileNodeInfo root = default;
        long blockCount = 0;

        var reader = Stage(failure, chunks.Writer, () => ReadChunksAsync(read, options.ChunkSize, chunks.Writer, failure.Token));
        var hasher = Stage(failure, blocks.Writer, async () => root = await HashChunksAsync(chunks.Reader, blocks.Writer, tree, failure.Token).ConfigureAwait(false));
        var writer = Stage(failure, null, async () => blockCount = await StoreBlocksAsync(blocks.Reader, store, failure.Token).ConfigureAwait(false));
        try
        {
            await Task.WhenAll(reader, hasher, writer).ConfigureAwait(false);
        }
        finally
        {
            ReturnUnconsumed(chunks.Reader);
            ReturnUnconsumed(blocks.Reader);
        }

        return (root, blockCount);
    }

    /// <summary>Runs a stage; on failure cancels the other stages and completes its output so nobody waits forever.</summary>
    private static Task Stage(CancellationTokenSource failure, ChannelWriter<PendingBlock>? output, Func<Task> body) => Task.Run(async () =>
    {
        try
        {
            await body().ConfigureAwait(false);
            output?.TryComplete();
        }
        catch (Exception exception)
        {
            output?.TryComplete(exception);
            await failure.CancelAsync().ConfigureAwait(false);
            throw;
        }
    });

    private static async Task ReadChunksAsync(ChunkReader read, int chunkSize, ChannelWriter<PendingBlock> output, CancellationToken cancellationToken)
    {
        for (var index = 0L; ; index++)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
            int length;
            try
            {
                length = await read(buffer.AsMemory(0, chunkSize), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }

            // An empty file is one empty chunk; otherwise the end of the content ends the file.
            if (length == 0 && index > 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return;
            }

            await WriteOrReturnAsync(output, new PendingBlock(null, buffer, length), cancellationToken).ConfigureAwait(false);
            if (length < chunkSize)
            {
                return;
            }
        }
    }

    private static async Task<FileNodeInfo> HashChunksAsync(
        ChannelReader<PendingBlock> input, ChannelWriter<PendingBlock> output, BalancedTreeBuilder tree, CancellationToken cancellationToken)
    {
        await foreach (var chunk in input.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var block = Block.Create(MulticodecCode.Raw, chunk.Buffer.AsMemory(0, chunk.Length));
            await WriteOrReturnAsync(output, chunk with { Block = block }, cancellationToken).ConfigureAwait(false);
            foreach (var parent in tree.AddLeaf(new FileNodeInfo(block.Cid, (ulong)chunk.Length, (ulong)chunk.Length)))
            {
                await output.WriteAsync(new PendingBlock(parent, null, 0), cancellationToken).ConfigureAwait(false);
            }
        }

        var (root, created) = tree.Finish();
        foreach (var parent in created)
        {
            await output.WriteAsync(new PendingBlock(parent, null, 0), cancellationToken).ConfigureAwait(false);
        }

        return root;
    }

    private static async Task<long> StoreBlocksAsync(ChannelReader<PendingBlock> input, IBlockStore store, CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var pending in input.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await store.PutAsync(pending.Block!, cancellationToken).ConfigureAwait(false);
                count++;
            }
            finally
            {
                pending.Release();
            }
        }

        return count;
    }

    private static async ValueTask WriteOrReturnAsync(ChannelWriter<PendingBlock> output, PendingBlock item, CancellationToken cancellationToken)
    {
        try
        {
            await output.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            item.Release();
            throw;
        }
    }

    private static void ReturnUnconsumed(ChannelReader<PendingBlock> reader)
    {
        while (reader.TryRead(out var item))
        {
            item.Release();
        }
    }

    /// <summary>A chunk or block on its way through the pipeline; <see cref="Buffer"/> is pooled when not null.</summary>
    private sealed record PendingBlock(Block? Block, byte[]? Buffer, int Length)
    {
        private int _released;

        public void Release()
        {
            if (Buffer is not null && Interlocked.Exchange(ref _released, 1) == 0)
            {
                ArrayPool<byte>.Shared.Return(Buffer);
            }
        }
    }
}
