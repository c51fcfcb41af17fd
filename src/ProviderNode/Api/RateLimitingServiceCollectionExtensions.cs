using DePinGpu.Protocol.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Api;

/// <summary>Registers the API's rate limits; the application adds <c>app.UseRateLimiter()</c> before mapping the routes.</summary>
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
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>, RateLimitingRejections>((limiter, options, rejections) =>
        {
            limiter.GlobalLimiter = RateLimitingPartitions.Create(options.Value);
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = rejections.OnRejectedAsync;
        });
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RateLimitingOptions>>((kestrel, options) =>
            kestrel.Limits.MaxConcurrentConnections = options.Value.MaxConnections);
        return services;
    }
}
