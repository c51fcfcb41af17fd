using System.Diagnostics.Metrics;

namespace DePinGpu.TenantCli.Gateway;

/// <summary>
/// The gateway's counters, published through a <see cref="Meter"/> (<c>DePinGpu.Gateway</c>) and written as Prometheus
/// text by <see cref="PrometheusText"/> from the same values.
/// </summary>
internal sealed class GatewayMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "DePinGpu.Gateway";

    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _duration;
    private long _requests;
    private long _failed;
    private long _retries;
    private long _noReplica;
    private long _streamsResumed;
    private long _streamsFailed;
    private long _chainEventRefreshes;

    /// <summary>Creates the meter and its instruments.</summary>
    public GatewayMetrics()
    {
        _meter.CreateObservableCounter("gateway.requests", () => Requests, description: "Client requests that ended.");
        _meter.CreateObservableCounter("gateway.requests.failed", () => Failed, description: "Client requests that ended in a failure the gateway could not hide.");
        _meter.CreateObservableCounter("gateway.retries", () => Retries, description: "Attempts re-sent to another replica.");
        _meter.CreateObservableCounter("gateway.no_replica", () => NoReplica, description: "Requests answered 503 because no replica was healthy.");
        _meter.CreateObservableCounter("gateway.streams.resumed", () => StreamsResumed, description: "Streams continued on another replica.");
        _meter.CreateObservableCounter("gateway.streams.failed", () => StreamsFailed, description: "Streams ended with an error event.");
        _meter.CreateObservableCounter("gateway.chain_event_refreshes", () => ChainEventRefreshes, description: "Re-reads of the order's leases prompted by the chain watch (an event touching the order, the watch starting or recovering).");
        _duration = _meter.CreateHistogram<double>("gateway.request.duration", "s", "Time from a request's arrival to the end of its response.");
    }

    /// <summary>Client requests that ended.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Client requests that failed.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Attempts re-sent to another replica.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Requests answered 503 for want of a healthy replica.</summary>
    public long NoReplica => Interlocked.Read(ref _noReplica);

    /// <summary>Streams continued on another replica.</summary>
    public long StreamsResumed => Interlocked.Read(ref _streamsResumed);

    /// <summary>Streams ended with an error event.</summary>
    public long StreamsFailed => Interlocked.Read(ref _streamsFailed);

    /// <summary>Re-reads of the order's leases prompted by the chain watch (not by the slow reconcile interval).</summary>
    public long ChainEventRefreshes => Interlocked.Read(ref _chainEventRefreshes);

    /// <summary>A request ended after <paramref name="seconds"/>; <paramref name="failed"/> when the client saw a failure.</summary>
    public void RequestEnded(double seconds, bool failed)
    {
        Interlocked.Increment(ref _requests);
        if (failed)
        {
            Interlocked.Increment(ref _failed);
        }

        _duration.Record(seconds);
    }

    /// <summary>An attempt is re-sent to another replica.</summary>
    public void Retried() => Interlocked.Increment(ref _retries);

    /// <summary>A request found no healthy replica.</summary>
    public void NoReplicaAvailable() => Interlocked.Increment(ref _noReplica);

    /// <summary>A stream was continued on another replica.</summary>
    public void StreamResumed() => Interlocked.Increment(ref _streamsResumed);

    /// <summary>A stream ended with an error event.</summary>
    public void StreamFailed() => Interlocked.Increment(ref _streamsFailed);

    /// <summary>A chain event made the source re-read the order's leases.</summary>
    public void ChainEventRefreshed() => Interlocked.Increment(ref _chainEventRefreshes);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
