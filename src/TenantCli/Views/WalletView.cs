namespace DePinGpu.TenantCli.Views;

/// <summary>JSON shape of a wallet (wallet new, import, list).</summary>
internal sealed record WalletView(string Name, string Address, string Path, bool IsDefault);
