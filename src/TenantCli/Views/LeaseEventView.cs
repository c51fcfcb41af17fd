namespace DePinGpu.TenantCli.Views;

/// <summary>
/// JSON line of <c>lease watch -o json</c>: one per change of the lease's phase, provider, epoch, checkpoint or
/// hand-over count (heartbeat, escrow and chain time ride along but do not start a line).
/// </summary>
internal sealed record LeaseEventView(
    string LeaseId,
    string Phase,
    string? Provider,
    uint Epoch,
    int HandOvers,
    DateTimeOffset? LastHeartbeatAt,
    ulong CheckpointStep,
    string? CheckpointCid,
    string EscrowWei,
    string EscrowLeftWei,
    long EscrowBuysSeconds,
    DateTimeOffset ChainTime,
    string CloseReason);
