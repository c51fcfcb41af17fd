using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Fetching;

/// <summary>What one <see cref="IContentFetcher.FetchDagAsync"/> did.</summary>
/// <param name="Root">The DAG's root.</param>
/// <param name="IsComplete">True when every block is present and the root is pinned.</param>
/// <param name="BlocksFetched">Blocks downloaded and stored by this call.</param>
/// <param name="BytesFetched">Bytes of those blocks.</param>
/// <param name="BlocksAlreadyPresent">Blocks found already stored.</param>
/// <param name="Error">Why the fetch did not complete; null when it did.</param>
public sealed record ContentFetchResult(Cid Root, bool IsComplete, long BlocksFetched, long BytesFetched, long BlocksAlreadyPresent, string? Error);
