using Microsoft.AspNetCore.Builder;

namespace DePinGpu.ProviderNode.Api;

/// <summary>Puts the API's rate limits in the request pipeline.</summary>
public static class RateLimitingApplicationBuilderExtensions
{
    /// <summary>Applies <see cref="NodeApiRateLimiter"/> (registered by <c>AddNodeApiRateLimiting</c>) to the routes mapped after it.</summary>
    public static IApplicationBuilder UseNodeApiRateLimiting(this IApplicationBuilder app) => app.UseMiddleware<NodeApiRateLimitingMiddleware>();
}
