using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace DePinGpu.TenantCli.Gateway;

/// <summary>
/// Serves one client request through YARP's forwarder: picks the least-loaded healthy replica, and on a connect
/// failure, a reset or a 502/503/504 tries another replica at once, within the attempt limit and the retry budget.
/// A request that may have reached a replica is re-sent only when it is repeatable (<see cref="BufferedRequest"/>).
/// No healthy replica: 503 with <c>Retry-After</c>. A client that left is not retried.
/// </summary>
internal sealed class GatewayProxy(GatewayParts parts, IHttpForwarder forwarder)
{
    private static readonly ForwarderRequestConfig RequestConfig = new()
    {
        ActivityTimeout = TimeSpan.FromMinutes(10),
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    /// <summary>Handles <paramref name="context"/>.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        var outcome = RequestOutcome.Failed;
        try
        {
            outcome = await ForwardAsync(context).ConfigureAwait(false);
        }
        finally
        {
            if (outcome != RequestOutcome.ClientGone)
            {
                parts.Metrics.RequestEnded(Stopwatch.GetElapsedTime(started).TotalSeconds, outcome == RequestOutcome.Failed);
            }
        }
    }

    private async Task<RequestOutcome> ForwardAsync(HttpContext context)
    {
        var options = parts.Options;
        var request = await BufferedRequest.ReadAsync(context.Request, options.MaxBufferedBodyBytes, parts.Replicas.Traits?.Idempotent ?? false, context.RequestAborted).ConfigureAwait(false);
        if (request is null)
        {
            await Results.Problem($"The request body is over the gateway's {options.MaxBufferedBodyBytes} bytes and has no Content-Length.", statusCode: StatusCodes.Status413PayloadTooLarge)
                .ExecuteAsync(context).ConfigureAwait(false);
            return RequestOutcome.Failed;
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(options.RetryBudget.TotalSeconds * Stopwatch.Frequency);
        var tried = new List<Replica>();
        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            if (context.RequestAborted.IsCancellationRequested)
            {
                return RequestOutcome.ClientGone;
            }

            if (parts.Replicas.Pick(tried) is not { } replica)
            {
                return await NoReplicaAsync(context, attempt).ConfigureAwait(false);
            }

            if (attempt > 1)
            {
                parts.Metrics.Retried();
                parts.Events.Add("retry", replica, $"attempt {attempt} of {context.Request.Method} {context.Request.Path}");
            }

            var last = attempt == options.MaxAttempts || Stopwatch.GetTimestamp() > deadline || request.Body is null;
            var result = await AttemptAsync(context, request, replica, tried, mayDecline: !last && request.Repeatable, mayDeclineRefusal: !last).ConfigureAwait(false);
            if (result != AttemptResult.TryAnother)
            {
                return result == AttemptResult.Served ? RequestOutcome.Served : result == AttemptResult.ClientGone ? RequestOutcome.ClientGone : RequestOutcome.Failed;
            }

            if (last)
            {
                break;
            }
        }

        return await GiveUpAsync(context, "every attempt failed").ConfigureAwait(false);
    }

    private async Task<AttemptResult> AttemptAsync(HttpContext context, BufferedRequest request, Replica replica, List<Replica> tried, bool mayDecline, bool mayDeclineRefusal)
    {
        tried.Add(replica);
        request.Rewind(context.Request);
        context.Response.Clear();
        var transformer = new AttemptTransformer(replica, mayDecline, mayDeclineRefusal, new StreamRelay(parts, context, request, tried));
        replica.Begin();
        var error = await forwarder.SendAsync(context, replica.Address.Prefix.ToString().TrimEnd('/'), parts.Invoker, RequestConfig, transformer).ConfigureAwait(false);
        if (transformer.Stream is { } stream)
        {
            // The relay accounted for every replica the stream touched.
            return stream switch
            {
                StreamRelayOutcome.Completed => AttemptResult.Served,
                StreamRelayOutcome.ClientGone => AttemptResult.ClientGone,
                _ => AttemptResult.Failed,
            };
        }

        if (error == ForwarderError.None && !transformer.Declined)
        {
            return Completed(replica, transformer.RefusedByNode ? StatusCodes.Status503ServiceUnavailable : transformer.UpstreamStatus);
        }

        if (context.RequestAborted.IsCancellationRequested)
        {
            replica.Abandoned();
            return AttemptResult.ClientGone;
        }

        var detail = transformer.Declined
            ? $"answered {transformer.UpstreamStatus}"
            : $"{error}: {context.Features.Get<IForwarderErrorFeature>()?.Exception?.GetBaseException().Message}";
        parts.Events.Add("attempt-failed", replica, detail);
        if (replica.Failed(parts.Options.EjectAfterFailures))
        {
            parts.Events.Add("replica-ejected", replica, $"consecutive failed requests (last: {detail})");
        }

        if (transformer.Declined)
        {
            return AttemptResult.TryAnother;
        }

        // The forwarder reset a response that had started: nothing can be re-sent on this connection.
        if (context.Response.HasStarted)
        {
            parts.Events.Add("request-failed", replica, $"{detail} after the response started");
            return AttemptResult.Failed;
        }

        return request.Repeatable || (request.Body is not null && NeverReachedReplica(context, error))
            ? AttemptResult.TryAnother
            : await FailedNotRepeatableAsync(context, replica, detail).ConfigureAwait(false);
    }

    private AttemptResult Completed(Replica replica, int? status)
    {
        if (status is { } code && AttemptTransformer.IsReplicaFailure(code))
        {
            replica.Failed(parts.Options.EjectAfterFailures);
            parts.Events.Add("request-failed", replica, $"answered {code} on the last attempt");
            return AttemptResult.Failed;
        }

        replica.Succeeded();
        return AttemptResult.Served;
    }

    /// <summary>True when the request failed before a connection to the replica existed, so no replica saw it.</summary>
    private static bool NeverReachedReplica(HttpContext context, ForwarderError error) =>
        error == ForwarderError.Request
        && context.Features.Get<IForwarderErrorFeature>()?.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError };

    private async Task<AttemptResult> FailedNotRepeatableAsync(HttpContext context, Replica replica, string detail)
    {
        parts.Events.Add("request-failed", replica, $"{context.Request.Method} may have reached the replica and is not repeatable ({detail}); not re-sent");
        context.Response.Clear();
        await Results.Problem($"The replica failed ({detail}) and the request may have reached it; a {context.Request.Method} to a service that is not idempotent is not re-sent.",
            statusCode: StatusCodes.Status502BadGateway).ExecuteAsync(context).ConfigureAwait(false);
        return AttemptResult.Failed;
    }

    private async Task<RequestOutcome> NoReplicaAsync(HttpContext context, int attempt)
    {
        if (attempt > 1)
        {
            return await GiveUpAsync(context, "no other healthy replica was left to retry on").ConfigureAwait(false);
        }

        parts.Metrics.NoReplicaAvailable();
        context.Response.Clear();
        context.Response.Headers.RetryAfter = "1";
        await Results.Problem("No replica of the service is healthy now.", statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context).ConfigureAwait(false);
        return RequestOutcome.Failed;
    }

    private async Task<RequestOutcome> GiveUpAsync(HttpContext context, string detail)
    {
        parts.Events.Add("request-failed", null, $"{context.Request.Method} {context.Request.Path}: {detail}");
        context.Response.Clear();
        context.Response.Headers.RetryAfter = "1";
        await Results.Problem($"The request failed on every replica tried: {detail}.", statusCode: StatusCodes.Status502BadGateway).ExecuteAsync(context).ConfigureAwait(false);
        return RequestOutcome.Failed;
    }

    private enum AttemptResult
    {
        Served,
        Failed,
        TryAnother,
        ClientGone,
    }

    private enum RequestOutcome
    {
        Served,
        Failed,
        ClientGone,
    }
}
