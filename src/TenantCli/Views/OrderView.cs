namespace DePinGpu.TenantCli.Views;

/// <summary>JSON shape of an order (order show, list, create). Amounts are wei as decimal strings; times ISO 8601 UTC.</summary>
internal sealed record OrderView(
    string OrderId,
    string Tenant,
    string Kind,
    string State,
    string? SpecCid,
    string GpuModel,
    uint MinVramGb,
    int GpusPerReplica,
    int Replicas,
    int Standbys,
    string MaxPricePerSecondWei,
    string MaxPricePerHour,
    long MaxDurationSeconds,
    DateTimeOffset BidDeadline,
    string EscrowWei,
    int OfferCount,
    IReadOnlyList<string> LeaseIds);
