using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace DePinGpu.ProviderNode.Api;

/// <summary>Admits a request when <see cref="NodeApiRateLimiter"/> grants it; otherwise <see cref="RateLimitingRejections"/> answers 429.</summary>
internal sealed class NodeApiRateLimitingMiddleware(RequestDelegate next, NodeApiRateLimiter limiter, RateLimitingRejections rejections)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Held until the response is done: an upload's slot among the node's concurrent uploads ends with it.
        using var lease = limiter.AttemptAcquire(context);
        if (!lease.IsAcquired)
        {
            await rejections.OnRejectedAsync(new OnRejectedContext { HttpContext = context, Lease = lease }, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
