namespace DePinGpu.TenantCli.Gateway;

/// <summary>What the order's spec says about its service (from the node that runs a replica).</summary>
/// <param name="HealthPath">The path that answers 2xx while a replica is healthy.</param>
/// <param name="Idempotent">True when any request (POST included) may be re-sent to another replica.</param>
internal sealed record ServiceTraits(string HealthPath, bool Idempotent);
