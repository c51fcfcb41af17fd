using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>Mounts the trustless gateway in any ASP.NET Core application (after <c>AddTrustlessGatewayEndpoints</c>).</summary>
public static class TrustlessGatewayEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves <c>/ipfs/{cid}</c> (and answers <c>/ipns/…</c> with 501) exactly as the standalone gateway does, beside the
    /// application's other endpoints. Every method is routed so that writes get the gateway's 405, not the app's 404.
    /// </summary>
    public static IEndpointConventionBuilder MapTrustlessGateway(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var handler = endpoints.ServiceProvider.GetRequiredService<GatewayRequestHandler>();
        var group = endpoints.MapGroup(string.Empty);
        group.Map("/ipfs/{**path}", handler.HandleAsync);
        group.Map("/ipns/{**path}", handler.HandleAsync);
        return group;
    }
}
