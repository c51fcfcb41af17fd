using System.Runtime.CompilerServices;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Car;
using DePinGpu.Ipfs.Dag;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// Streams a CAR response straight from the block store: header, then the DAG depth-first without duplicates, each block
/// verified on read; identity CIDs are left out (the spec forbids them in CARs; their bytes are in the CID). Memory stays at a
/// few blocks plus one write buffer whatever the DAG's size.
/// </summary>
internal static class CarResponseWriter
{
    private const int WriteBufferSize = 64 * 1024;

    /// <summary>Writes the CAR; a missing or corrupt block or a limit throws after part of it was sent.</summary>
    public static async Task<CarExportResult> WriteAsync(
        IBlockStore store, Cid root, bool wholeDag, Stream body, GatewayOptions options, CancellationToken cancellationToken)
    {
        var limited = new ByteLimitStream(body, options.MaxCarBytes);
        // Not disposed: on failure the response is aborted, and flushing a half-written buffer then would be pointless.
        var buffered = new BufferedStream(limited, WriteBufferSize);
        var writer = await CarWriter.CreateAsync(buffered, [root], cancellationToken).ConfigureAwait(false);
        var walk = DagWalker.WalkAsync(store, root, wholeDag ? null : _ => false, cancellationToken);
        var result = await CarExporter.WriteBlocksAsync(writer, WithoutIdentity(walk, options.MaxCarBlocks, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        await buffered.FlushAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    private static async IAsyncEnumerable<VerifiedBlock> WithoutIdentity(
        IAsyncEnumerable<VerifiedBlock> blocks, long maxBlocks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var block in blocks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (block.Cid.Hash.Code == MulticodecCode.Identity)
            {
                block.Dispose();
                continue;
            }

            if (++count > maxBlocks)
            {
                block.Dispose();
                throw new ResponseLimitException($"the DAG has more than the gateway's limit of {maxBlocks} blocks");
            }

            yield return block;
        }
    }
}
