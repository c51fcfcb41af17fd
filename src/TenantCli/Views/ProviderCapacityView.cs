namespace DePinGpu.TenantCli.Views;

/// <summary>JSON shape of what the capacity gossip says of a provider in <c>providers</c> (as the configured nodes heard it).</summary>
internal sealed record ProviderCapacityView(string PricePerGpuHour, string PricePerGpuSecondWei, uint FreeGpus, DateTimeOffset SeenAt, string ReportedBy);
