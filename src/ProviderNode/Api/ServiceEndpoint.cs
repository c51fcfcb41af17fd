using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using DePinGpu.Protocol.JobSpecs;

namespace DePinGpu.ProviderNode.Api;

/// <summary>
/// Where a Stateless lease's workload listens on this machine and the secret path segment under which the node API
/// proxies to it (<c>/leases/{id}/service/{secret}/…</c>, docs/node-api.md). One per lease at an epoch: a new epoch
/// (a hand-over) gets a new port and a new secret; a restarted node keeps both (<see cref="ServiceEndpointFile"/>).
/// </summary>
/// <param name="HostPort">The loopback port the workload is reached on (Process: its <c>PORT</c>; Docker: the published port).</param>
/// <param name="Secret">32 random bytes, base64url: the bearer secret of the proxy path.</param>
/// <param name="Service">The spec's service section (health path, idempotent).</param>
public sealed record ServiceEndpoint(int HostPort, string Secret, ServiceSpec Service)
{
    /// <summary>The length of a secret's text (32 bytes in base64url without padding).</summary>
    public const int SecretLength = 43;

    /// <summary>A free loopback port and a fresh secret for <paramref name="service"/>.</summary>
    public static ServiceEndpoint Allocate(ServiceSpec service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return new ServiceEndpoint(FreeLoopbackPort(), NewSecret(), service);
    }

    /// <summary>True when <paramref name="presented"/> is this endpoint's secret (constant-time comparison).</summary>
    public bool Accepts(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(presented), System.Text.Encoding.ASCII.GetBytes(Secret));
    }

    /// <summary>A fresh secret: 32 random bytes, base64url.</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>True when <paramref name="secret"/> has the shape of one <see cref="NewSecret"/> makes.</summary>
    public static bool IsWellFormedSecret(string? secret) =>
        secret is { Length: SecretLength } && secret.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_');

    // The kernel picks a port that is free now; the workload binds it moments later (a small race a restart would repair).
    internal static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>True when nothing listens on loopback port <paramref name="port"/> now.</summary>
    internal static bool IsLoopbackPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            // Taken: an expected outcome (the previous run's workload still holds it), the caller picks another.
            return false;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
