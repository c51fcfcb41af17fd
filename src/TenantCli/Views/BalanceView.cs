namespace DePinGpu.TenantCli.Views;

/// <summary>JSON shape of <c>wallet balance</c>: amounts in wei as decimal strings, and in tokens for people.</summary>
internal sealed record BalanceView(
    string Wallet,
    string Address,
    ulong ChainId,
    string EtherWei,
    string TokenWei,
    string Tokens,
    string MarketAllowanceWei,
    string WithdrawableWei);
