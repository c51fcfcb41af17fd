using System.Net;

namespace DePinGpu.TenantCli.Gateway;

/// <summary>The HTTP client to the replicas (YARP forwards over it, probes and stream continuations use it too).</summary>
internal static class ReplicaInvoker
{
    /// <summary>No proxy, redirects, cookies or decompression; a short connect timeout, so a dead node costs little.</summary>
    public static HttpMessageInvoker Create() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    });
}
