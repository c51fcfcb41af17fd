namespace DePinGpu.TenantCli.Views;

/// <summary>
/// JSON shape of a lease (lease show, list). Amounts are wei as decimal strings; times ISO 8601 UTC; durations whole
/// seconds. <c>lastHeartbeatAt</c> is the current provider's last on-chain heartbeat (null without a provider);
/// <c>checkpointCid</c> the last committed checkpoint's CID (null when none); <c>handOvers</c> how many times the lease
/// moved to another provider; <c>escrowLeftWei</c> the escrow not yet earned and <c>escrowBuysSeconds</c> how long it
/// pays the current price for.
/// </summary>
internal sealed record LeaseView(
    string LeaseId,
    string OrderId,
    int Slot,
    string Kind,
    string State,
    string? Provider,
    uint Epoch,
    string PricePerSecondWei,
    string PricePerHour,
    DateTimeOffset StartedAt,
    DateTimeOffset SettledUntil,
    DateTimeOffset EndsAt,
    string EscrowWei,
    string EscrowLeftWei,
    long EscrowBuysSeconds,
    DateTimeOffset? LastHeartbeatAt,
    ulong CheckpointStep,
    DateTimeOffset? CheckpointAt,
    string? CheckpointCid,
    int HandOvers,
    string CloseReason);
