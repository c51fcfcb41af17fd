namespace DePinGpu.TenantCli.Views;

/// <summary>JSON shape of a committed checkpoint (checkpoint list): the lease, the epoch (provider run) that committed it, step, CID, size and block.</summary>
internal sealed record CheckpointView(string LeaseId, uint Epoch, ulong Step, string? Cid, ulong SizeBytes, ulong Block, string Transaction);
