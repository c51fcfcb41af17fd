using System.Net;

namespace DePinGpu.Libp2p.PubSub.Scoring;

/// <summary>Everything the score of one peer is computed from.</summary>
internal sealed class PeerStats
{
    public bool Connected { get; set; } = true;

    /// <summary>Timestamp after which a disconnected peer's stats are forgotten.</summary>
    public long ExpiresAt { get; set; }

    public Dictionary<string, TopicStats> Topics { get; } = new(StringComparer.Ordinal);

    public IPAddress? Address { get; set; }

    public double BehaviourPenalty { get; set; }

    public TopicStats Topic(string topic)
    {
        if (!Topics.TryGetValue(topic, out var stats))
        {
            stats = new TopicStats();
            Topics[topic] = stats;
        }

        return stats;
    }
}
