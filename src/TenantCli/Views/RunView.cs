namespace DePinGpu.TenantCli.Views;

/// <summary>JSON shape of <c>run</c>'s result: the order, its spec, the leases and how each ended ("" while it still runs), and the uploads.</summary>
internal sealed record RunView(string OrderId, string SpecCid, IReadOnlyList<string> LeaseIds, IReadOnlyList<string> Outcomes, IReadOnlyList<UploadView> Uploads);
