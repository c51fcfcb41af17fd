using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Pins;
using DePinGpu.Ipfs.Storage;

namespace DePinGpu.Ipfs.Car;

/// <summary>
/// Imports a CARv1 (= <c>ipfs dag import</c>): every block is verified against its CID before it is stored; a truncated or
/// malformed CAR or a corrupt block aborts the import with an exception and pins nothing (blocks already stored stay
/// unpinned and are reclaimed by the next garbage collection). Roots are then pinned recursively when requested, which
/// requires each root's DAG to be complete in the store.
/// </summary>
public static class CarImporter
{
    /// <summary>Imports into <paramref name="session"/>, pinning the roots per <paramref name="options"/>.</summary>
    public static async Task<CarImportResult> ImportAsync(
        Stream source, ImportSession session, CarImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        options ??= new CarImportOptions();
        var (reader, blocks) = await StoreBlocksAsync(source, session, options.Reader, cancellationToken).ConfigureAwait(false);
        var outcomes = new List<CarRootOutcome>();
        foreach (var root in reader.Roots)
        {
            outcomes.Add(options.PinRoots
                ? await TryPinAsync(session, root, options.PinName, cancellationToken).ConfigureAwait(false)
                : new CarRootOutcome(root, false, null));
        }

        return new CarImportResult(outcomes, blocks, reader.BytesRead);
    }

    /// <summary>Imports into any block store without pinning (the caller protects the blocks from GC).</summary>
    public static async Task<CarImportResult> ImportAsync(
        Stream source, IBlockStore store, CarReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (reader, blocks) = await StoreBlocksAsync(source, store, options ?? new CarReaderOptions(), cancellationToken).ConfigureAwait(false);
        return new CarImportResult(reader.Roots.Select(root => new CarRootOutcome(root, false, null)).ToList(), blocks, reader.BytesRead);
    }

    private static async Task<(CarReader Reader, long Blocks)> StoreBlocksAsync(
        Stream source, IBlockStore store, CarReaderOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(store);
        var reader = await CarReader.OpenAsync(source, options, cancellationToken).ConfigureAwait(false);
        long blocks = 0;
        while (await reader.ReadBlockAsync(cancellationToken).ConfigureAwait(false) is { } block)
        {
            await store.PutAsync(block, cancellationToken).ConfigureAwait(false);
            blocks++;
        }

        return (reader, blocks);
    }

    private static async Task<CarRootOutcome> TryPinAsync(ImportSession session, Libp2p.Multiformats.Cid root, string? name, CancellationToken cancellationToken)
    {
        try
        {
            await session.PinAsync(root, PinType.Recursive, name, cancellationToken).ConfigureAwait(false);
            return new CarRootOutcome(root, true, null);
        }
        catch (BlockNotFoundException exception)
        {
            // An incomplete DAG is an expected outcome of importing a partial CAR: report it per root, as Kubo does.
            return new CarRootOutcome(root, false, exception.Message);
        }
    }
}
