using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace DePinGpu.ProviderNode.Api;

/// <summary>
/// Sends a proxied request to the workload's own path: <c>/leases/{id}/service/{secret}/echo?x=1</c> becomes
/// <c>/echo?x=1</c>, so the secret never reaches the workload and the service sees the paths it serves.
/// </summary>
internal sealed class ServicePathTransformer(string path) : HttpTransformer
{
    /// <inheritdoc />
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, new PathString(path), httpContext.Request.QueryString);
    }
}
