using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>
/// Health of the libp2p host: unhealthy when it is not running, degraded while it has no connection (it can
/// neither gossip nor fetch), healthy otherwise. The data carries the peer id, connection count and listen addresses.
/// </summary>
public sealed class Libp2pHostHealthCheck(Libp2pHost host) : IHealthCheck
{
    /// <summary>The name <c>AddLibp2pHost</c> registers the check under.</summary>
    public const string Name = "libp2p-host";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["peerId"] = host.LocalPeerId.ToString(),
            ["connections"] = host.ConnectionCount,
            ["listenAddresses"] = string.Join(" ", host.ListenAddresses),
        };
        var result = !host.IsRunning ? HealthCheckResult.Unhealthy("The libp2p host is not running.", data: data)
            : host.ConnectionCount == 0 ? HealthCheckResult.Degraded("The libp2p host has no connection.", data: data)
            : HealthCheckResult.Healthy($"{host.ConnectionCount} connections.", data);
        return Task.FromResult(result);
    }
}
