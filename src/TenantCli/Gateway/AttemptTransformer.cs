using System.Net;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace DePinGpu.TenantCli.Gateway;

/// <summary>
/// YARP's transformer for one attempt of one request: declines a 502/503/504 answer when another attempt may follow
/// (the forwarder then sends nothing to the client and the gateway tries another replica), declines the replica's
/// node's own refusals (<see cref="NodeRefusalHeader"/>: the service never saw the request), and takes over a
/// server-sent-event response so that a stream cut by a replica's death continues on another (<see cref="StreamRelay"/>).
/// </summary>
internal sealed class AttemptTransformer(Replica replica, bool mayDecline, bool mayDeclineRefusal, StreamRelay relay) : HttpTransformer
{
    /// <summary>The status the replica answered with; null when it did not answer.</summary>
    public int? UpstreamStatus { get; private set; }

    /// <summary>True when the answer was declined for a retry.</summary>
    public bool Declined { get; private set; }

    /// <summary>How a relayed stream ended; null when the response was not a stream.</summary>
    public StreamRelayOutcome? Stream { get; private set; }

    /// <summary>The header a provider node puts on its own refusals (docs/node-api.md): <c>not-served</c>, <c>unknown-address</c>.</summary>
    public const string NodeRefusalHeader = "X-DePin-Service";

    /// <summary>The node's refusal of an address it does not know (a node that lost its saved address): ask it again.</summary>
    public const string UnknownAddress = "unknown-address";

    /// <summary>True when the replica's node, not the service, refused the request.</summary>
    public bool RefusedByNode { get; private set; }

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
        if (proxyResponse.Headers.TryGetValues(NodeRefusalHeader, out var refusal))
        {
            RefusedByNode = true;
            if (refusal.Contains(UnknownAddress, StringComparer.Ordinal))
            {
                replica.AddressRefused();
            }
        }

        // The node's own refusal never reached the service: any request may go to another replica, idempotent or not.
        if ((mayDecline && IsReplicaFailure(UpstreamStatus.Value)) || (mayDeclineRefusal && RefusedByNode))
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
