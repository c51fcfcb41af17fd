namespace DePinGpu.TenantCli.Views;

/// <summary>JSON shape of <c>checkpoint get|export</c>: what was fetched (verified block by block against its CID) and where it was written.</summary>
internal sealed record CheckpointFetchView(string LeaseId, ulong Step, string Cid, string Path, long Blocks, long Bytes);
