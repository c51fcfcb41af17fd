using DePinGpu.Ipfs.Gateway;
using DePinGpu.Ipfs.Pins;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Fetching;

/// <summary>
/// <see cref="IContentFetcher"/> over trustless HTTP gateways: a <see cref="GatewayClient"/> fetching into the node's
/// content store, inside an import session so garbage collection cannot take the blocks before the root is pinned.
/// </summary>
public sealed class GatewayContentFetcher(GatewayClient client, ContentStore store) : IContentFetcher
{
    /// <inheritdoc />
    public async Task<ContentFetchResult> FetchDagAsync(Cid root, string? pinName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        var session = store.BeginSession();
        await using (session.ConfigureAwait(false))
        {
            GatewayFetchResult fetched;
            try
            {
                fetched = await client.FetchDagAsync(root, session, cancellationToken).ConfigureAwait(false);
            }
            catch (GatewayFetchException exception)
            {
                // No gateway had a valid copy of some block: an outcome for the caller; what was stored stays for a resume.
                return new ContentFetchResult(root, false, 0, 0, 0, exception.Message);
            }

            await store.PinAsync(root, PinType.Recursive, pinName, cancellationToken).ConfigureAwait(false);
            return new ContentFetchResult(root, true, fetched.BlocksFetched, fetched.BytesFetched, fetched.BlocksAlreadyPresent, null);
        }
    }
}
