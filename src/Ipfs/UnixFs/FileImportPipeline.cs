using System.Buffers;
using System.Runtime.CompilerServices;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Dag;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.UnixFs;

/// <summary>
/// Imports one file's bytes: chunks are read in order into pooled buffers, then hashed and stored by up to
/// <see cref="ImportOptions.Parallelism"/> workers at once — writing a block file costs the kernel more than hashing
/// it costs us on some machines, so both spread over every core — and fed to the balanced tree in order. Memory stays
/// at about <c>parallelism</c> chunks whatever the file size.
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
        var stored = OrderedParallel.SelectAsync(chunks, (chunk, token) => StoreLeafAsync(chunk, store, token), options.Parallelism, null, cancellationToken);
        await foreach (var (cid, length) in stored.ConfigureAwait(false))
        {
            blockCount++;
            blockCount += await StoreAllAsync(tree.AddLeaf(new FileNodeInfo(cid, (ulong)length, (ulong)length)), store, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Hashes one chunk into a raw leaf and stores it; the chunk's buffer goes back to the pool either way.</summary>
    private static async ValueTask<(Cid Cid, int Length)> StoreLeafAsync((byte[] Buffer, int Length) chunk, IBlockStore store, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var leaf = Block.Create(MulticodecCode.Raw, chunk.Buffer.AsMemory(0, chunk.Length));
            await store.PutAsync(leaf, cancellationToken).ConfigureAwait(false);
            return (leaf.Cid, chunk.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk.Buffer);
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
