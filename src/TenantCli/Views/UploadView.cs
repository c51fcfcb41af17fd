namespace DePinGpu.TenantCli.Views;

/// <summary>JSON shape of one spec upload: the node, accepted / refused / unreachable, and the node's reason.</summary>
internal sealed record UploadView(string Node, string Status, string Detail);
