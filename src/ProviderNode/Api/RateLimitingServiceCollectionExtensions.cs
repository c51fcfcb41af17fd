using DePinGpu.Protocol.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Api;

/// <summary>Registers the API's rate limits; the application adds <c>app.UseNodeApiRateLimiting()</c> before mapping the routes.</summary>
public static class RateLimitingServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="RateLimitingOptions"/> from <c>Api:RateLimiting</c> (validated at start), installs the limiter for
    /// routes marked <see cref="RateLimitedRoute"/>, and caps Kestrel's concurrent connections.
    /// </summary>
    public static IServiceCollection AddNodeApiRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitingOptions>>(new SectionOptionsValidator<RateLimitingOptions>(RateLimitingOptions.Section));
        services.AddSingleton<RateLimitingRejections>();
        // Not ASP.NET Core's rate limiting middleware: it keeps a partitioned limiter of its own (for endpoint policies,
        // even with none) whose timer wakes the idle daemon every 100 ms. NodeApiRateLimitingMiddleware asks ours.
        services.AddSingleton(provider => new NodeApiRateLimiter(provider.GetRequiredService<IOptions<RateLimitingOptions>>().Value));
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RateLimitingOptions>>((kestrel, options) =>
            kestrel.Limits.MaxConcurrentConnections = options.Value.MaxConnections);
        return services;
    }
}
