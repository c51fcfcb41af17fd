namespace DePinGpu.TenantCli.Views;

/// <summary>JSON shape of a provider in <c>providers</c> (registry data, stake in wei; capacity from the gossip, null when no configured node heard it).</summary>
internal sealed record ProviderView(
    string Owner,
    string Operator,
    string? PeerId,
    string GpuModel,
    uint GpuCount,
    uint VramGb,
    string StakeWei,
    string FreeStakeWei,
    bool Jailed,
    bool Live,
    DateTimeOffset LastHeartbeat,
    string? MetadataCid,
    ProviderCapacityView? Capacity);
