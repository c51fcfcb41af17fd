namespace DePinGpu.TenantCli.Views;

/// <summary>JSON shape of <c>order finalize</c>: the leases created and the standby queue (provider addresses).</summary>
internal sealed record FinalizedView(string OrderId, IReadOnlyList<string> LeaseIds, IReadOnlyList<string> Standbys);
