using System.Buffers;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.ProviderNode.Checkpoints;

/// <summary>
/// Where a checkpoint is imported to: the import session, except that a block the store says it already holds (a file
/// unchanged since the last checkpoint) is read back and, when its stored copy no longer hashes to its CID (a disk
/// that rots data at rest), written again from the checkpoint folder. Without it the rotten copy would stay, the pin
/// walk (which does not read raw leaves) would not notice, and every later checkpoint sharing that block could never
/// be replicated. Costs one read of each unchanged block per import.
/// </summary>
internal sealed class RewritingImportTarget(IBlockStore session) : IBlockStore
{
    /// <summary>How many rotten stored copies this import wrote again.</summary>
    public int Rewritten { get; private set; }

    public ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default) => session.HasAsync(cid, cancellationToken);

    public ValueTask<byte[]?> GetAsync(Cid cid, CancellationToken cancellationToken = default) => session.GetAsync(cid, cancellationToken);

    public ValueTask<IMemoryOwner<byte>?> RentAsync(Cid cid, CancellationToken cancellationToken = default) => session.RentAsync(cid, cancellationToken);

    public ValueTask<int?> GetSizeAsync(Cid cid, CancellationToken cancellationToken = default) => session.GetSizeAsync(cid, cancellationToken);

    public async ValueTask<bool> PutAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (await session.PutAsync(block, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        if (await IsStoredWholeAsync(block.Cid, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await session.DeleteAsync(block.Cid, cancellationToken).ConfigureAwait(false);
        Rewritten++;
        return await session.PutAsync(block, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default) => session.DeleteAsync(cid, cancellationToken);

    public IAsyncEnumerable<Cid> EnumerateAsync(CancellationToken cancellationToken = default) => session.EnumerateAsync(cancellationToken);

    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => session.FlushAsync(cancellationToken);

    public BlockStoreUsage GetUsage() => session.GetUsage();

    /// <summary>True when the stored copy hashes to <paramref name="cid"/> (or is an identity block, stored nowhere).</summary>
    private async Task<bool> IsStoredWholeAsync(Cid cid, CancellationToken cancellationToken)
    {
        try
        {
            using var stored = await session.RentAsync(cid, cancellationToken).ConfigureAwait(false);
            return stored is null || cid.Hash.Matches(stored.Memory.Span);
        }
        catch (CorruptBlockException)
        {
            // A store that verifies on read found it rotten (and removed it).
            return false;
        }
    }
}
