namespace DePinGpu.TenantCli.Views;

/// <summary>JSON shape of <c>withdraw</c>: the wallet and the amount paid out (wei).</summary>
internal sealed record WithdrawView(string Wallet, string AmountWei);
