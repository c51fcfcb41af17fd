using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace DePinGpu.ProviderNode.Api;

/// <summary>
/// The API's limiter: a client's request rate, then its upload rate, then the node's concurrent uploads, each a token
/// bucket or a concurrency limit without a queue (a flood is refused at once rather than held in memory).
/// </summary>
internal static class RateLimitingPartitions
{
    private const string Unlimited = "";

    /// <summary>The chained limiter for <see cref="Microsoft.AspNetCore.RateLimiting.RateLimiterOptions.GlobalLimiter"/>.</summary>
    public static PartitionedRateLimiter<HttpContext> Create(RateLimitingOptions options) =>
        PartitionedRateLimiter.CreateChained(Requests(options), Uploads(options), ConcurrentUploads(options));

    /// <summary>The client a request counts against: its IPv4 address, or its IPv6 /64 (one host's usual allocation).</summary>
    public static string ClientOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The route's limit class, or null for routes outside the API's limits.</summary>
    public static RateLimitedRoute? RouteOf(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedRoute>();

    private static PartitionedRateLimiter<HttpContext> Requests(RateLimitingOptions options) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context => RouteOf(context) is null
            ? RateLimitPartition.GetNoLimiter(Unlimited)
            : RateLimitPartition.GetTokenBucketLimiter(ClientOf(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.RequestBurstPerClient,
                TokensPerPeriod = options.RequestsPerSecondPerClient,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    private static PartitionedRateLimiter<HttpContext> Uploads(RateLimitingOptions options) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context => RouteOf(context)?.IsUpload != true
            ? RateLimitPartition.GetNoLimiter(Unlimited)
            : RateLimitPartition.GetTokenBucketLimiter(ClientOf(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.UploadBurstPerClient,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1) / options.UploadsPerMinutePerClient,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    private static PartitionedRateLimiter<HttpContext> ConcurrentUploads(RateLimitingOptions options) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context => RouteOf(context)?.IsUpload != true
            ? RateLimitPartition.GetNoLimiter(Unlimited)
            : RateLimitPartition.GetConcurrencyLimiter("uploads", _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = options.MaxConcurrentUploads,
                QueueLimit = 0,
            }));
}
