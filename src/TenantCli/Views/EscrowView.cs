namespace DePinGpu.TenantCli.Views;

/// <summary>JSON shape of <c>escrow</c>: what the tenant has locked in open orders and leases, what leases have accrued to providers, what closing would refund, and the withdrawable balance (wei).</summary>
internal sealed record EscrowView(
    string Tenant,
    string LockedInOrdersWei,
    string LockedInLeasesWei,
    string AccruedWei,
    string RefundableWei,
    string WithdrawableWei,
    IReadOnlyList<EscrowLeaseView> Leases);
