namespace DePinGpu.TenantCli.Views;

/// <summary>JSON shape of a command that sent one transaction: what it acted on, the transaction, and the amount it moved (wei), if any.</summary>
internal sealed record TransactionView(string Action, string Id, string Transaction, ulong Block, string? AmountWei);
