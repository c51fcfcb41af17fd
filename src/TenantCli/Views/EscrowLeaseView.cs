namespace DePinGpu.TenantCli.Views;

/// <summary>One open lease's escrow in <c>escrow</c>: its escrow, accrued (owed to the provider), refundable now, and how long the rest lasts.</summary>
internal sealed record EscrowLeaseView(string LeaseId, string State, string EscrowWei, string AccruedWei, string RefundableWei, long SecondsLeft);
