using System.Diagnostics.Metrics;
using DePinGpu.Libp2p.PubSub;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>Gossip metrics (meter <c>DePinGpu.ProviderNode.Gossip</c>): what the node published and how it judged what it received.</summary>
public sealed class GossipMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "DePinGpu.ProviderNode.Gossip";

    private readonly Meter _meter;
    private readonly Counter<long> _published;
    private readonly Counter<long> _validated;

    /// <summary>Creates the instruments (through <paramref name="meterFactory"/> when hosted).</summary>
    public GossipMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _published = _meter.CreateCounter<long>("depin.gossip.published", description: "Messages this node published, by topic");
        _validated = _meter.CreateCounter<long>("depin.gossip.validated", description: "Messages received and validated, by topic and result (Accept, Reject, Ignore)");
    }

    /// <summary>Counts a published message.</summary>
    public void Published(GossipTopicKind topic) =>
        _published.Add(1, new KeyValuePair<string, object?>("topic", topic.ToString()));

    /// <summary>Counts a validation outcome.</summary>
    public void Validated(GossipTopicKind topic, ValidationResult result) =>
        _validated.Add(1, new KeyValuePair<string, object?>("topic", topic.ToString()), new KeyValuePair<string, object?>("result", result.ToString()));

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
