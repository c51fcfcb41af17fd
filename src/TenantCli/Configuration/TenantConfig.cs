namespace DePinGpu.TenantCli.Configuration;

/// <summary>
/// The CLI's settings after file, environment and flags are merged (file &lt; env &lt; flags). The file schema is fixed
/// (the devnet writes it): keys rpcUrl, chainId, deployment, walletDirectory, wallet, passwordFile, gateways.
/// </summary>
/// <param name="Source">The config file read, or null when none was found at the default place.</param>
/// <param name="RpcUrl">JSON-RPC endpoint.</param>
/// <param name="ChainId">Chain id the RPC must report.</param>
/// <param name="Deployment">Path of the deployments/&lt;chainId&gt;.json file.</param>
/// <param name="WalletDirectory">Folder of the v3 keystores.</param>
/// <param name="Wallet">Name of the default wallet.</param>
/// <param name="PasswordFile">File holding the wallet password.</param>
/// <param name="Gateways">Node API base URLs used as gateways.</param>
internal sealed record TenantConfig(
    string? Source,
    Uri? RpcUrl,
    ulong? ChainId,
    string? Deployment,
    string WalletDirectory,
    string? Wallet,
    string? PasswordFile,
    IReadOnlyList<Uri> Gateways)
{
    /// <summary>The devnet's chain id (anvil), the only chain where <c>wallet fund</c> works.</summary>
    public const ulong DevnetChainId = 31337;
}
