namespace DePinGpu.Ipfs.Bitswap.Client;

/// <summary>A fetch's progress so far.</summary>
/// <param name="BlocksFetched">Blocks received, verified and stored.</param>
/// <param name="BytesFetched">Their bytes.</param>
/// <param name="BlocksAlreadyPresent">Blocks that were stored before the fetch (not fetched again).</param>
/// <param name="BytesAlreadyPresent">Bytes of those blocks that were read (dag-pb nodes; raw leaves are only checked for presence and not counted).</param>
/// <param name="BlocksPending">Blocks known to be missing and not yet received.</param>
/// <param name="BlocksInFlight">Blocks asked of a peer and not yet received.</param>
/// <param name="ActivePeers">Peers the fetch is asking now.</param>
public sealed record FetchProgress(
    long BlocksFetched, long BytesFetched, long BlocksAlreadyPresent, long BytesAlreadyPresent, int BlocksPending, int BlocksInFlight, int ActivePeers);
