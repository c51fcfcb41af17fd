namespace DePinGpu.TenantCli.Views;

/// <summary>JSON shape of <c>order create</c>: the order, its spec CID, escrow deposited, and the spec uploads.</summary>
internal sealed record OrderCreatedView(string OrderId, string SpecCid, string Kind, int Replicas, int Standbys, string EscrowWei, string MaxPricePerSecondWei, IReadOnlyList<UploadView> Uploads);
