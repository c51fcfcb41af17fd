using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>What a completed DAG fetch did.</summary>
/// <param name="Root">The DAG root; every block under it is now stored and verified.</param>
/// <param name="BlocksFetched">Blocks downloaded and stored by this call.</param>
/// <param name="BlocksAlreadyPresent">Blocks found in the store and not downloaded again.</param>
/// <param name="BytesFetched">Block bytes downloaded (CAR framing not counted).</param>
/// <param name="RecoveredFailures">Failed attempts the fetch worked around (other gateway, retry, fallback to blocks).</param>
public sealed record GatewayFetchResult(
    Cid Root, long BlocksFetched, long BlocksAlreadyPresent, long BytesFetched, IReadOnlyList<GatewayFailure> RecoveredFailures);
