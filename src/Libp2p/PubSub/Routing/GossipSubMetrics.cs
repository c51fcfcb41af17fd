using System.Diagnostics.Metrics;

namespace DePinGpu.Libp2p.PubSub.Routing;

/// <summary>
/// A router's instruments on the meter <c>DePinGpu.Libp2p.PubSub</c>: messages published, delivered to local
/// subscribers and rejected (by reason). Names are stable; see docs/architecture.md.
/// </summary>
public sealed class GossipSubMetrics : IDisposable
{
    /// <summary>The meter name to export.</summary>
    public const string MeterName = "DePinGpu.Libp2p.PubSub";

    /// <summary>The meter tag carrying the router's peer id.</summary>
    public const string PeerIdTag = "libp2p.peer_id";

    private readonly Meter _meter;
    private readonly Counter<long> _published;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _rejected;

    internal GossipSubMetrics(string localPeer)
    {
        _meter = new Meter(MeterName, version: null, tags: [new KeyValuePair<string, object?>(PeerIdTag, localPeer)]);
        _published = _meter.CreateCounter<long>("gossipsub.messages.published", "{message}", "Messages this node published, by topic.");
        _delivered = _meter.CreateCounter<long>("gossipsub.messages.delivered", "{message}", "Valid messages from peers delivered to local subscribers, by topic.");
        _rejected = _meter.CreateCounter<long>("gossipsub.messages.rejected", "{message}", "Messages from peers refused, by topic and reason (a validator's verdict or the invalid-message reason).");
    }

    /// <summary>Ends the meter.</summary>
    public void Dispose() => _meter.Dispose();

    internal void Published(string topic) => _published.Add(1, new KeyValuePair<string, object?>("topic", topic));

    internal void Delivered(string topic) => _delivered.Add(1, new KeyValuePair<string, object?>("topic", topic));

    internal void Rejected(string topic, string reason) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("topic", topic), new KeyValuePair<string, object?>("reason", reason));
}
