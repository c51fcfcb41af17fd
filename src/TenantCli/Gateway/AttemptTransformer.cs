using System.Net;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace DePinGpu.TenantCli.Gateway;

/// <summary>
/// YARP's transformer for one attempt of one request: declines a 502/503/504 answer when another attempt may follow
/// (the forwarder then sends nothing to the client and the gateway tries another replica), and takes over a
/// server-sent-event response so that a stream cut by a replica's death continues on another (<see cref="StreamRelay"/>).
/// </summary>
internal sealed class AttemptTransformer(Replica replica, bool mayDecline, StreamRelay relay) : HttpTransformer
{
    /// <summary>The status the replica answered with; null when it did not answer.</summary>
    public int? UpstreamStatus { get; private set; }

    /// <summary>True when the answer was declined for a retry.</summary>
    public bool Declined { get; private set; }

    /// <summary>How a relayed stream ended; null when the response was not a stream.</summary>
    public StreamRelayOutcome? Stream { get; private set; }

    /// <summary>True for the statuses that say "this replica cannot serve now": bad gateway, unavailable, gateway timeout.</summary>
    public static bool IsReplicaFailure(int status) =>
        status is (int)HttpStatusCode.BadGateway or (int)HttpStatusCode.ServiceUnavailable or (int)HttpStatusCode.GatewayTimeout;

    /// <inheritdoc />
    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (proxyResponse is null)
        {
            return await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
        }

        UpstreamStatus = (int)proxyResponse.StatusCode;
        if (mayDecline && IsReplicaFailure(UpstreamStatus.Value))
        {
            Declined = true;
            return false;
        }

        var copy = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
        if (!proxyResponse.IsSuccessStatusCode
            || !string.Equals(proxyResponse.Content.Headers.ContentType?.MediaType, StreamResume.EventStreamMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return copy;
        }

        // The relay copies the body itself (and from other replicas if this one dies); YARP must not copy it again.
        Stream = await relay.RelayAsync(replica, proxyResponse, httpContext.RequestAborted).ConfigureAwait(false);
        return false;
    }
}
