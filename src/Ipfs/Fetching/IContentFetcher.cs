using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Fetching;

/// <summary>
/// One way to get content the node does not have, whatever carries it (modelled on boxo's <c>exchange.Interface</c>):
/// Bitswap from peers (<see cref="BitswapContentFetcher"/>) or trustless HTTP gateways (<see cref="GatewayContentFetcher"/>).
/// Every block is verified against its CID before it is stored; blocks already stored are not fetched again, so a fetch
/// that did not complete resumes when called again.
/// </summary>
public interface IContentFetcher
{
    /// <summary>
    /// Makes the whole DAG under <paramref name="root"/> present in the node's content store and pins the root
    /// (named <paramref name="pinName"/>). Not finding every block is an outcome (<see cref="ContentFetchResult.IsComplete"/>
    /// false, with the reason), not an exception; cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    Task<ContentFetchResult> FetchDagAsync(Cid root, string? pinName = null, CancellationToken cancellationToken = default);
}
