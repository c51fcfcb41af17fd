using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using DePinGpu.Protocol.JobSpecs;

namespace DePinGpu.ProviderNode.Api;

/// <summary>
/// Where a Stateless lease's workload listens on this machine and the secret path segment under which the node API
/// proxies to it (<c>/leases/{id}/service/{secret}/…</c>, docs/node-api.md). One per run of a lease at an epoch:
/// a new epoch (a hand-over) gets a new port and a new secret.
/// </summary>
/// <param name="HostPort">The loopback port the workload is reached on (Process: its <c>PORT</c>; Docker: the published port).</param>
/// <param name="Secret">32 random bytes, base64url: the bearer secret of the proxy path.</param>
/// <param name="Service">The spec's service section (health path, idempotent).</param>
public sealed record ServiceEndpoint(int HostPort, string Secret, ServiceSpec Service)
{
    /// <summary>A free loopback port and a fresh secret for <paramref name="service"/>.</summary>
    public static ServiceEndpoint Allocate(ServiceSpec service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return new ServiceEndpoint(FreeLoopbackPort(), Base64Url(RandomNumberGenerator.GetBytes(32)), service);
    }

    /// <summary>True when <paramref name="presented"/> is this endpoint's secret (constant-time comparison).</summary>
    public bool Accepts(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(presented), System.Text.Encoding.ASCII.GetBytes(Secret));
    }

    // The kernel picks a port that is free now; the workload binds it moments later (a small race a restart would repair).
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
