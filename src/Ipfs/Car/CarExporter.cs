using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Dag;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Car;

/// <summary>
/// Exports a DAG as a CARv1 (= <c>ipfs dag export</c>: one root, depth-first, first-seen order, no duplicates), streaming:
/// blocks are read and verified on several cores (<see cref="DagWalker"/>) while earlier ones are written, so memory stays
/// at a few blocks.
/// A missing or corrupt block aborts the export with an exception naming its CID (the destination then holds a truncated
/// CAR, which every reader rejects).
/// </summary>
public static class CarExporter
{
    /// <summary>Writes the DAG under <paramref name="root"/> to <paramref name="destination"/>.</summary>
    public static async Task<CarExportResult> ExportAsync(
        IBlockStore store, Cid root, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(destination);
        var writer = await CarWriter.CreateAsync(destination, [root], cancellationToken).ConfigureAwait(false);
        return await WriteBlocksAsync(writer, DagWalker.WalkAsync(store, root, cancellationToken: cancellationToken), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Writes already-ordered verified blocks (for example a <see cref="DagWalker"/> walk limited to a <c>dag-scope</c>)
    /// after a header written by the caller, disposing each block once written.
    /// </summary>
    public static async Task<CarExportResult> WriteBlocksAsync(
        CarWriter writer, IAsyncEnumerable<VerifiedBlock> blocks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(blocks);
        await foreach (var block in blocks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            using (block)
            {
                await writer.WriteBlockAsync(block.Cid, block.Data, cancellationToken).ConfigureAwait(false);
            }
        }

        return new CarExportResult(writer.BlocksWritten, writer.BytesWritten);
    }
}
