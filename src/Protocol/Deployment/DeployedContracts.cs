namespace DePinGpu.Protocol.Deployment;

/// <summary>Addresses of one deployment (EIP-55 checksummed).</summary>
/// <param name="StakeToken">ERC-20 (+ ERC-2612) used for stake and payments.</param>
/// <param name="Registry">ProviderRegistry.</param>
/// <param name="Market">LeaseMarket.</param>
public sealed record DeployedContracts(string StakeToken, string Registry, string Market);
