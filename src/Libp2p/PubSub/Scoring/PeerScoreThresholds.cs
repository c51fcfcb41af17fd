namespace DePinGpu.Libp2p.PubSub.Scoring;

/// <summary>Score thresholds of gossipsub v1.1 (js-libp2p defaults).</summary>
public sealed record PeerScoreThresholds
{
    /// <summary>Below this no gossip is exchanged with the peer (IHAVE/IWANT ignored and not sent).</summary>
    public double GossipThreshold { get; init; } = -10;

    /// <summary>Below this own messages are not published to the peer.</summary>
    public double PublishThreshold { get; init; } = -50;

    /// <summary>Below this every RPC from the peer is ignored.</summary>
    public double GraylistThreshold { get; init; } = -80;

    /// <summary>Peer exchange in a PRUNE is only followed from peers at or above this score.</summary>
    public double AcceptPeerExchangeThreshold { get; init; } = 10;

    /// <summary>Opportunistic grafting starts when the median mesh score falls below this.</summary>
    public double OpportunisticGraftThreshold { get; init; } = 20;

    /// <summary>Throws <see cref="ArgumentException"/> when the thresholds are not ordered as the spec requires.</summary>
    public void Validate()
    {
        TopicScoreParameters.Require(GossipThreshold <= 0, "GossipThreshold must be <= 0.");
        TopicScoreParameters.Require(PublishThreshold <= GossipThreshold, "PublishThreshold must be <= GossipThreshold.");
        TopicScoreParameters.Require(GraylistThreshold <= PublishThreshold, "GraylistThreshold must be <= PublishThreshold.");
        TopicScoreParameters.Require(AcceptPeerExchangeThreshold >= 0, "AcceptPeerExchangeThreshold must be >= 0.");
        TopicScoreParameters.Require(OpportunisticGraftThreshold >= 0, "OpportunisticGraftThreshold must be >= 0.");
    }
}
