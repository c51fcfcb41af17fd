namespace DePinGpu.ProviderNode.Initialization;

/// <summary>What <c>depin-node init</c> created, or why it created nothing.</summary>
/// <param name="OperatorAddress">The operator's Ethereum address.</param>
/// <param name="PeerId">The operator key's libp2p peer id.</param>
/// <param name="Directory">The data directory.</param>
/// <param name="Refusal">Why nothing was created (an existing keystore is never overwritten); null on success.</param>
public sealed record NodeInitialization(string? OperatorAddress, string? PeerId, NodeDataDirectory Directory, string? Refusal);
