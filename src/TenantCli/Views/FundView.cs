namespace DePinGpu.TenantCli.Views;

/// <summary>JSON shape of <c>wallet fund</c>.</summary>
internal sealed record FundView(string Wallet, string Address, string EtherWei, string TokenWei, string MintTransaction);
