namespace DePinGpu.ProviderNode.Gossip;

/// <summary>The node's gossip topics (docs/design.md §5).</summary>
public enum GossipTopicKind
{
    /// <summary><c>heartbeats</c>: a signed sign of life about once a second.</summary>
    Heartbeats,

    /// <summary><c>checkpoints</c>: checkpoint imports and replicas.</summary>
    Checkpoints,

    /// <summary><c>capacity</c>: what providers offer.</summary>
    Capacity,
}
