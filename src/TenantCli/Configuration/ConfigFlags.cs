namespace DePinGpu.TenantCli.Configuration;

/// <summary>The configuration values given as flags (null or empty: not given).</summary>
internal sealed record ConfigFlags(
    string? ConfigFile,
    string? RpcUrl,
    string? ChainId,
    string? Deployment,
    string? Wallet,
    string? WalletDirectory,
    string? PasswordFile,
    IReadOnlyList<string> Gateways)
{
    /// <summary>No flags.</summary>
    public static ConfigFlags None { get; } = new(null, null, null, null, null, null, null, []);
}
