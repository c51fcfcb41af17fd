using System.Diagnostics.Metrics;

namespace DePinGpu.ProviderNode.Diagnostics;

/// <summary>The daemon's own meters (meter <c>DePinGpu.ProviderNode</c>), served in Prometheus format on <c>/metrics</c>.</summary>
public sealed class NodeMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "DePinGpu.ProviderNode";

    private readonly Counter<long> _offers;
    private readonly Counter<long> _heartbeats;
    private readonly Counter<long> _heartbeatFailures;
    private readonly Counter<long> _checkpoints;
    private readonly Counter<long> _leasesEnded;

    /// <summary>Creates the meters through <paramref name="meters"/>.</summary>
    public NodeMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _offers = meter.CreateCounter<long>("depin_node_offers_placed", description: "Offers placed.");
        _heartbeats = meter.CreateCounter<long>("depin_node_heartbeats_sent", description: "On-chain heartbeats handed to the node.");
        _heartbeatFailures = meter.CreateCounter<long>("depin_node_heartbeat_failures", description: "Heartbeat rounds that could not reach the chain.");
        _checkpoints = meter.CreateCounter<long>("depin_node_checkpoints_committed", description: "Checkpoints committed on-chain.");
        _leasesEnded = meter.CreateCounter<long>("depin_node_leases_ended", description: "Leases this node ended, by outcome.");
    }

    /// <summary>Counts an offer.</summary>
    public void OfferPlaced() => _offers.Add(1);

    /// <summary>Counts a heartbeat.</summary>
    public void HeartbeatSent() => _heartbeats.Add(1);

    /// <summary>Counts a failed heartbeat round.</summary>
    public void HeartbeatFailed() => _heartbeatFailures.Add(1);

    /// <summary>Counts a committed checkpoint.</summary>
    public void CheckpointCommitted() => _checkpoints.Add(1);

    /// <summary>Counts a lease this node ended with <paramref name="outcome"/> (completed, released).</summary>
    public void LeaseEnded(string outcome) => _leasesEnded.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
