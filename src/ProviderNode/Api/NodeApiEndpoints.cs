using System.Globalization;
using System.Numerics;
using DePinGpu.ProviderNode.Chain;
using DePinGpu.ProviderNode.Diagnostics;
using DePinGpu.ProviderNode.Heartbeat;
using DePinGpu.ProviderNode.Leases;
using DePinGpu.ProviderNode.Specs;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Wallets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Api;

/// <summary>The node's HTTP routes (documented in docs/node-api.md).</summary>
public static class NodeApiEndpoints
{
    /// <summary>Maps <c>/status</c>, <c>/leases</c>, <c>/uploads</c>, <c>/leases/{id}/logs</c> and <c>/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapNodeApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/status", StatusAsync).WithMetadata(RateLimitedRoute.Request);
        endpoints.MapGet("/leases", (LeaseStore store) => Results.Json(store.All().Select(LeaseView.From))).WithMetadata(RateLimitedRoute.Request);
        endpoints.MapPost("/uploads", UploadAsync).WithMetadata(RateLimitedRoute.Upload);
        endpoints.MapGet("/leases/{leaseId}/logs", LogsAsync).WithMetadata(RateLimitedRoute.Request);
        endpoints.MapGet("/metrics", (PrometheusExporter exporter) => Results.Text(exporter.Write(), "text/plain; version=0.0.4")).WithMetadata(RateLimitedRoute.Request);
        return endpoints;
    }

    private static async Task<IResult> StatusAsync(ProviderAccount account, HeartbeatState heartbeat, LeaseStore store, CancellationToken cancellationToken)
    {
        var owner = await account.OwnerAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(new
        {
            @operator = account.Operator,
            owner,
            heartbeat = new { lastSent = heartbeat.LastSent, lastMined = heartbeat.LastMined, consecutiveFailures = heartbeat.ConsecutiveFailures },
            leases = store.All().GroupBy(lease => lease.Status.ToString()).ToDictionary(group => group.Key, group => group.Count()),
        });
    }

    private static async Task<IResult> UploadAsync(HttpRequest request, SpecStore specs, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxUploadBytes;
        if (request.ContentLength > limit)
        {
            return Results.Problem($"The upload is {request.ContentLength} bytes; this node accepts at most {limit}.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        using var body = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > limit)
            {
                return Results.Problem($"The upload is over {limit} bytes, the most this node accepts.", statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            body.Write(buffer, 0, read);
        }

        var result = await specs.UploadAsync(body.ToArray(), limit, cancellationToken).ConfigureAwait(false);
        return result.Accepted
            ? Results.Json(new { cid = result.Cid!.ToString() }, statusCode: StatusCodes.Status201Created)
            : Results.Problem(result.Problem, statusCode: StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> LogsAsync(string leaseId, HttpRequest request, MarketClient market, ProtocolConnection connection, LeaseService leases,
        IOptions<ApiOptions> options, CancellationToken cancellationToken)
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
            return Results.Problem("Only the lease's tenant may read its logs.", statusCode: StatusCodes.Status403Forbidden);
        }

        var run = leases.Runs.FirstOrDefault(candidate => candidate.Lease.LeaseId == id);
        if (run?.Workload is not { } workload)
        {
            return Results.Problem("This node runs no workload for that lease now.", statusCode: StatusCodes.Status404NotFound);
        }

        var after = long.TryParse(request.Query["after"], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : 0;
        return Results.Json(workload.Logs.Read(after));
    }

    /// <summary>Registers what the routes need besides the daemon's services.</summary>
    public static IServiceCollection AddNodeApi(this IServiceCollection services)
    {
        services.AddSingleton<PrometheusExporter>();
        services.AddSingleton<AdminToken>();
        services.AddHostedService<AdminTokenFile>();
        services.AddHostedService<NodeMetadataPublisher>();
        return services;
    }
}
