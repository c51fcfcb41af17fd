namespace DePinGpu.TenantCli.Views;

/// <summary>JSON shape of a lease (lease show, list). Amounts are wei as decimal strings; times ISO 8601 UTC.</summary>
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
    ulong CheckpointStep,
    DateTimeOffset? CheckpointAt,
    string CloseReason);
