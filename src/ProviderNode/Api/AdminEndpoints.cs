using System.Text.Json;
using System.Text.Json.Serialization;
using DePinGpu.ProviderNode.Drain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DePinGpu.ProviderNode.Api;

/// <summary>The node's admin routes (<c>/admin/…</c>), each requiring the <see cref="AdminToken"/> as a bearer token.</summary>
public static class AdminEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Maps <c>POST /admin/drain</c> (start a drain) and <c>GET /admin/drain</c> (its progress).</summary>
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var admin = endpoints.MapGroup("/admin").AddEndpointFilter(RequireTokenAsync).WithMetadata(RateLimitedRoute.Request);
        admin.MapPost("/drain", (DrainCoordinator drain) =>
        {
            var started = drain.Request();
            return Results.Json(drain.Report(), Json, statusCode: started ? StatusCodes.Status202Accepted : StatusCodes.Status200OK);
        });
        admin.MapGet("/drain", (DrainCoordinator drain) => Results.Json(drain.Report(), Json));
        return endpoints;
    }

    private static async ValueTask<object?> RequireTokenAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var token = context.HttpContext.RequestServices.GetService(typeof(AdminToken)) as AdminToken;
        if (token is null || !token.Accepts(context.HttpContext.Request.Headers.Authorization))
        {
            return Results.Problem($"Admin routes need 'Authorization: Bearer <token>' with the token the daemon wrote to <data-dir>/{AdminToken.FileName}.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        return await next(context).ConfigureAwait(false);
    }
}
