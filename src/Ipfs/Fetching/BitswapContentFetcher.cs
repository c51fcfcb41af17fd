using DePinGpu.Ipfs.Bitswap;
using DePinGpu.Ipfs.Bitswap.Client;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Fetching;

/// <summary><see cref="IContentFetcher"/> over Bitswap: fetches from the connected peers into the node's content store.</summary>
public sealed class BitswapContentFetcher(BitswapNode node) : IContentFetcher
{
    /// <inheritdoc />
    public async Task<ContentFetchResult> FetchDagAsync(Cid root, string? pinName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        var result = await node.FetchAsync(root, new FetchOptions { PinRoot = true, PinName = pinName }, cancellationToken: cancellationToken).ConfigureAwait(false);
        var progress = result.Progress;
        var error = result.IsComplete ? null : result.Error ?? $"{result.Outcome}: {result.MissingBlocks.Count} blocks missing.";
        return new ContentFetchResult(root, result.IsComplete, progress.BlocksFetched, progress.BytesFetched, progress.BlocksAlreadyPresent, error);
    }
}
