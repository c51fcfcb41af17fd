namespace DePinGpu.TenantCli.Views;

/// <summary>JSON shape of an offer (order offers): rank is lease, standby or none (what finalize would make of it now).</summary>
internal sealed record OfferView(string Provider, string PricePerSecondWei, string PricePerHour, uint Sequence, string Rank);
