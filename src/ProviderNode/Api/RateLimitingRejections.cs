using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.RateLimiting;
using DePinGpu.ProviderNode.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Api;

/// <summary>Answers a refused request: 429 with <c>Retry-After</c> and a problem body; counts it (<c>depin_node_api_requests_refused</c>).</summary>
public sealed class RateLimitingRejections
{
    private readonly Counter<long> _refused;
    private readonly ILogger _logger;

    /// <summary>Creates the counter through <paramref name="meters"/>.</summary>
    public RateLimitingRejections(IMeterFactory meters, ILogger<RateLimitingRejections> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _refused = meters.Create(NodeMetrics.MeterName).CreateCounter<long>("depin_node_api_requests_refused", description: "API requests refused by the rate limits, by route kind.");
        _logger = logger;
    }

    /// <summary>Answers the request of <paramref name="context"/>, refused by <see cref="NodeApiRateLimiter"/>.</summary>
    public async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var isUpload = RateLimitingPartitions.RouteOf(http)?.IsUpload == true;

        // A token bucket says when its next token comes; the concurrency limit does not, and an upload takes about a second.
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        var limit = isUpload ? "this client's request or upload rate, or the node's concurrent uploads" : "this client's request rate";
        _refused.Add(1, new KeyValuePair<string, object?>("route", isUpload ? "upload" : "request"));
        RateLimitingLog.Refused(_logger, http.Request.Method, http.Request.Path, RateLimitingPartitions.ClientOf(http), limit, retryAfter);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await Results.Problem($"Too many requests: {limit} is exceeded. Retry after {retryAfter} s.", statusCode: StatusCodes.Status429TooManyRequests)
            .ExecuteAsync(http).ConfigureAwait(false);
    }
}
