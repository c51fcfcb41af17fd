using System.Globalization;
using System.Text;

namespace DePinGpu.TenantCli.Gateway;

/// <summary>The Prometheus text exposition (version 0.0.4) of the gateway's counters and of each replica's state.</summary>
internal static class PrometheusText
{
    /// <summary>The content type of the exposition.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Writes the exposition.</summary>
    public static string Write(GatewayMetrics metrics, ReplicaSet replicas)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(replicas);
        var text = new StringBuilder();
        Counter(text, "depin_gateway_requests_total", "Client requests that ended.", metrics.Requests);
        Counter(text, "depin_gateway_requests_failed_total", "Client requests that ended in a failure.", metrics.Failed);
        Counter(text, "depin_gateway_retries_total", "Attempts re-sent to another replica.", metrics.Retries);
        Counter(text, "depin_gateway_no_replica_total", "Requests answered 503 for want of a healthy replica.", metrics.NoReplica);
        Counter(text, "depin_gateway_streams_resumed_total", "Streams continued on another replica.", metrics.StreamsResumed);
        Counter(text, "depin_gateway_streams_failed_total", "Streams ended with an error event.", metrics.StreamsFailed);
        Counter(text, "depin_gateway_chain_event_refreshes_total", "Re-reads of the order's leases prompted by the chain watch (an event touching the order, the watch starting or recovering).", metrics.ChainEventRefreshes);
        text.Append("# HELP depin_gateway_replica_up 1 while the replica takes traffic.\n# TYPE depin_gateway_replica_up gauge\n");
        foreach (var replica in replicas.All)
        {
            text.Append(CultureInfo.InvariantCulture, $"depin_gateway_replica_up{{replica=\"{replica.Address.Key}\",health=\"{replica.Health}\"}} {(replica.Available ? 1 : 0)}\n");
        }

        text.Append("# HELP depin_gateway_replica_in_flight Requests in flight on the replica.\n# TYPE depin_gateway_replica_in_flight gauge\n");
        foreach (var replica in replicas.All)
        {
            text.Append(CultureInfo.InvariantCulture, $"depin_gateway_replica_in_flight{{replica=\"{replica.Address.Key}\"}} {replica.InFlight}\n");
        }

        return text.ToString();
    }

    private static void Counter(StringBuilder text, string name, string help, long value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}\n");
}
