namespace DePinGpu.TenantCli.Wallets;

/// <summary>A keystore in the wallet directory: its name (file name without .json), address and path.</summary>
internal sealed record WalletEntry(string Name, string Address, string Path);
