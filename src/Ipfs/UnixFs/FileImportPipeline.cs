using System.Buffers;
using System.Runtime.CompilerServices;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Dag;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.UnixFs;

/// <summary>
/// Imports one file's bytes: chunks are read in order into pooled buffers, hashed by up to
/// <see cref="ImportOptions.Parallelism"/> workers at once (hashing uses every core), then stored and fed to the balanced
/// tree in order by one writer — block files are created one at a time, which costs the file system less than parallel
/// creation. Memory stays at about <c>parallelism</c> chunks whatever the file size.
/// </summary>
internal static class FileImportPipeline
{
    /// <summary>Fills <paramref name="buffer"/> as far as the content allows; returns the bytes read (0 at the end).</summary>
    public delegate ValueTask<int> ChunkReader(Memory<byte> buffer, CancellationToken cancellationToken);

    public static async Task<(FileNodeInfo Root, long BlockCount)> RunAsync(
        ChunkReader read, IBlockStore store, ImportOptions options, CancellationToken cancellationToken)
    {
        var tree = new BalancedTreeBuilder(options.MaxLinksPerNode);
        long blockCount = 0;
        var chunks = ReadChunksAsync(read, options.ChunkSize, cancellationToken);
        var hashed = OrderedParallel.SelectAsync(chunks, HashLeafAsync, options.Parallelism, leaf => leaf.Release(), cancellationToken);
        await foreach (var leaf in hashed.ConfigureAwait(false))
        {
            try
            {
                await store.PutAsync(leaf.Block, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                leaf.Release();
            }

            var length = (ulong)leaf.Block.Data.Length;
            blockCount++;
            blockCount += await StoreAllAsync(tree.AddLeaf(new FileNodeInfo(leaf.Block.Cid, length, length)), store, cancellationToken).ConfigureAwait(false);
        }

        var (root, created) = tree.Finish();
        blockCount += await StoreAllAsync(created, store, cancellationToken).ConfigureAwait(false);
        return (root, blockCount);
    }

    private static async IAsyncEnumerable<(byte[] Buffer, int Length)> ReadChunksAsync(
        ChunkReader read, int chunkSize, [EnumeratorCancellation] CancellationToken cancellationToken)
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
                yield break;
            }

            yield return (buffer, length);
            if (length < chunkSize)
            {
                yield break;
            }
        }
    }

    /// <summary>Hashes one chunk into a raw leaf; on failure the chunk's buffer goes back to the pool.</summary>
    private static ValueTask<HashedLeaf> HashLeafAsync((byte[] Buffer, int Length) chunk, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(new HashedLeaf(Block.Create(MulticodecCode.Raw, chunk.Buffer.AsMemory(0, chunk.Length)), chunk.Buffer));
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(chunk.Buffer);
            throw;
        }
    }

    /// <summary>A hashed leaf whose bytes live in a pooled buffer until it is stored.</summary>
    private sealed record HashedLeaf(Block Block, byte[] Buffer)
    {
        private int _released;

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                ArrayPool<byte>.Shared.Return(Buffer);
            }
        }
    }

    private static async ValueTask<long> StoreAllAsync(List<Block> blocks, IBlockStore store, CancellationToken cancellationToken)
    {
        foreach (var block in blocks)
        {
            await store.PutAsync(block, cancellationToken).ConfigureAwait(false);
        }

        return blocks.Count;
    }
}
