namespace DePinGpu.TenantCli.Views;

/// <summary>JSON line of <c>lease watch -o json</c>: one per change of the lease's phase, provider, epoch or checkpoint.</summary>
internal sealed record LeaseEventView(string LeaseId, string Phase, string? Provider, uint Epoch, ulong CheckpointStep, string EscrowWei, DateTimeOffset ChainTime, string CloseReason);
