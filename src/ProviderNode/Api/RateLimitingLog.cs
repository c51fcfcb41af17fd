using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Api;

/// <summary>Rate-limiting log events (ids 8900–8919).</summary>
internal static partial class RateLimitingLog
{
    /// <summary>Debug only: under a flood, one line per refused request would itself be a flood; the counter carries the totals.</summary>
    [LoggerMessage(EventId = 8900, Level = LogLevel.Debug, Message = "Refused {Method} {Path} from {Client}: {Limit} (retry after {RetryAfterSeconds} s)")]
    public static partial void Refused(ILogger logger, string method, string path, string client, string limit, int retryAfterSeconds);
}
