namespace DePinGpu.Protocol.Deployment;

/// <summary>The content of <c>deployments/&lt;chainId&gt;.json</c> (format shared with scripts/devnet.sh).</summary>
/// <param name="ChainId">Chain id.</param>
/// <param name="RpcUrl">RPC URL used at deployment.</param>
/// <param name="Deployer">Deploying account.</param>
/// <param name="DeploymentBlock">Block of the first deployment transaction (event streams start here).</param>
/// <param name="DeployedAt">Deployment time.</param>
/// <param name="Contracts">Contract addresses.</param>
/// <param name="Parameters">Parameters as deployed.</param>
public sealed record DeploymentInfo(
    ulong ChainId,
    string RpcUrl,
    string Deployer,
    ulong DeploymentBlock,
    DateTimeOffset DeployedAt,
    DeployedContracts Contracts,
    DeploymentParameters Parameters);
