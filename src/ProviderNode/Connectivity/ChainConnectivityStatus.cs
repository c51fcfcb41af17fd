namespace DePinGpu.ProviderNode.Connectivity;

/// <summary>The node's reach to the chain as <c>/status</c> shows it (camelCase JSON).</summary>
/// <param name="State"><c>reachable</c>, <c>lost</c>, or <c>unknown</c> before the first probe ended.</param>
/// <param name="Since">When the chain became reachable, or stopped answering; null while unknown.</param>
/// <param name="Endpoint">The RPC endpoint that answered last (the one requests go to first); null before any answered.</param>
/// <param name="MayCommit">True when commits and other lease calls go out (reachable, and the leases were read back since the last loss).</param>
/// <param name="LastMinedHeartbeat">The provider's last heartbeat recorded on-chain, as last read; null before the first read.</param>
public sealed record ChainConnectivityStatus(string State, DateTimeOffset? Since, string? Endpoint, bool MayCommit, DateTimeOffset? LastMinedHeartbeat);
