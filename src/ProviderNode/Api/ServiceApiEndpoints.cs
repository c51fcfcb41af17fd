using System.Globalization;
using System.Numerics;
using DePinGpu.ProviderNode.Leases;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Wallets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace DePinGpu.ProviderNode.Api;

/// <summary>
/// A Stateless lease's workload through the node API (docs/node-api.md): <c>GET /leases/{id}/service</c> tells the
/// lease's tenant (a tenant-signed request) the address, and <c>/leases/{id}/service/{secret}/{path}</c> proxies to the
/// workload while this node runs the lease. The secret path segment is the bearer credential of the data path, as an
/// inference endpoint's URL is: clients of the tenant's gateway sign nothing per request.
/// </summary>
public static class ServiceApiEndpoints
{
    /// <summary>The header on the node's own refusals, so a gateway can tell them from the service's answers.</summary>
    public const string RefusalHeader = "X-DePin-Service";

    /// <summary>
    /// Registers the forwarder; keeps ASP.NET Core's per-request log lines (they print the path, which holds the
    /// service secret) and YARP's per-request lines below Warning.
    /// </summary>
    public static IServiceCollection AddServiceApi(this IServiceCollection services)
    {
        services.AddHttpForwarder();
        services.AddSingleton<ServiceForwarding>();
        services.AddLogging(logging => logging
            .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning)
            .AddFilter("Yarp.ReverseProxy.Forwarder", LogLevel.Warning));
        return services;
    }

    /// <summary>Maps the two routes.</summary>
    public static IEndpointRouteBuilder MapServiceApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/leases/{leaseId}/service", RevealAsync).WithMetadata(RateLimitedRoute.Request);
        endpoints.Map("/leases/{leaseId}/service/{secret}/{**path}", ForwardAsync);
        return endpoints;
    }

    private static async Task<IResult> RevealAsync(string leaseId, HttpRequest request, MarketClient market, ProtocolConnection connection, LeaseService leases,
        IOptions<ApiOptions> options, ILogger<ServiceForwarding> logger, CancellationToken cancellationToken)
    {
        if (!BigInteger.TryParse(leaseId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return Results.Problem("The lease id must be a decimal number.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (TenantRequestVerification.SignedTenant(request, connection.Deployment.ChainId, options.Value.MaxSignatureLifetime, out var problem) is not { } signer)
        {
            return Results.Problem(problem, statusCode: StatusCodes.Status401Unauthorized);
        }

        var lease = await market.GetLeaseAsync(id, cancellationToken).ConfigureAwait(false);
        var order = lease is null ? null : await market.GetOrderAsync(lease.OrderId, cancellationToken).ConfigureAwait(false);
        if (order is null || !string.Equals(order.Tenant, signer, StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem("Only the lease's tenant may learn its service address.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (Serving(leases, id) is not { } run)
        {
            return Results.Problem("This node serves no workload for that lease now.", statusCode: StatusCodes.Status404NotFound);
        }

        var endpoint = run.Service!;
        ServiceLog.AddressRevealed(logger, leaseId, signer);
        var url = $"{request.Scheme}://{request.Host}/leases/{leaseId}/service/{endpoint.Secret}/";
        return Results.Json(new
        {
            leaseId,
            epoch = run.Lease.Epoch,
            url,
            healthPath = endpoint.Service.HealthPath,
            idempotent = endpoint.Service.Idempotent,
        });
    }

    private static async Task ForwardAsync(HttpContext context, string leaseId, string secret, string? path, LeaseService leases, IHttpForwarder forwarder,
        ServiceForwarding forwarding, ILogger<ServiceForwarding> logger)
    {
        var run = BigInteger.TryParse(leaseId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? Serving(leases, id) : null;
        if (run?.Service is not { } endpoint)
        {
            // 503 (not 404): the lease may be served elsewhere now; a gateway retries such a request on another replica.
            context.Response.Headers[RefusalHeader] = "not-served";
            await Results.Problem("This node serves no workload for that lease now.", statusCode: StatusCodes.Status503ServiceUnavailable)
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (!endpoint.Accepts(secret))
        {
            context.Response.Headers[RefusalHeader] = "unknown-address";
            await Results.Problem("No service at this address.", statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var error = await forwarder.SendAsync(context, string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{endpoint.HostPort}"), forwarding.Invoker,
            forwarding.RequestConfig, new ServicePathTransformer("/" + path)).ConfigureAwait(false);
        if (error != ForwarderError.None)
        {
            ServiceLog.ForwardFailed(logger, leaseId, endpoint.HostPort, error.ToString());
        }
        else if (run.Service != endpoint && context.Response.HasStarted)
        {
            // The lease left this node (closed, moved, drained) while the response was under way: the workload was
            // stopped under it, and a close-delimited body (a server-sent-event stream) then ends as if complete. Reset
            // the connection instead, so the tenant's gateway sees a cut stream and continues it on another replica
            // rather than passing on a silently truncated one.
            ServiceLog.ForwardCutByLeaseEnd(logger, leaseId);
            context.Abort();
        }
    }

    /// <summary>The run that serves <paramref name="leaseId"/> now: its workload is up and the lease is still ours.</summary>
    private static LeaseRun? Serving(LeaseService leases, BigInteger leaseId) =>
        leases.Runs.FirstOrDefault(run => run.Lease.LeaseId == leaseId && run.Service is not null && run.Workload is not null);
}
