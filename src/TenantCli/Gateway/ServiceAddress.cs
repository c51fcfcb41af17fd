namespace DePinGpu.TenantCli.Gateway;

/// <summary>A node's answer to <c>GET /leases/{id}/service</c> (docs/node-api.md).</summary>
/// <param name="Epoch">The lease's epoch at that node.</param>
/// <param name="Url">The service's base URL at that node (a secret path).</param>
/// <param name="HealthPath">The spec's health path.</param>
/// <param name="Idempotent">The spec's idempotent flag.</param>
internal sealed record ServiceAddress(uint Epoch, Uri Url, string HealthPath, bool Idempotent);
