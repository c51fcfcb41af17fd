using System.Diagnostics;
using System.Net;
using Yarp.ReverseProxy.Forwarder;

namespace DePinGpu.ProviderNode.Api;

/// <summary>
/// The one HTTP client the node API forwards service requests with (YARP's <see cref="IHttpForwarder"/> over it): no
/// proxy, no redirects, no cookies, no decompression, a short connect timeout (the workload is on loopback).
/// </summary>
public sealed class ServiceForwarding : IDisposable
{
    /// <summary>Creates the client; it connects to nothing yet.</summary>
    public ServiceForwarding()
    {
        Invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
        });
    }

    /// <summary>The client YARP sends with.</summary>
    public HttpMessageInvoker Invoker { get; }

    /// <summary>How long a request may go without progress (long: a stream may pause between events).</summary>
    public ForwarderRequestConfig RequestConfig { get; } = new() { ActivityTimeout = TimeSpan.FromMinutes(10) };

    /// <inheritdoc />
    public void Dispose() => Invoker.Dispose();
}
