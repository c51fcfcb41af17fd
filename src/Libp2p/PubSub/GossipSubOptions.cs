using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub.Routing;
using DePinGpu.Libp2p.PubSub.Scoring;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.PubSub;

/// <summary>Router settings; the defaults are the gossipsub v1.1 spec's (and js-libp2p's).</summary>
public sealed record GossipSubOptions
{
    /// <summary>Target mesh degree D.</summary>
    public int D { get; init; } = 6;

    /// <summary>Below this mesh size the heartbeat grafts up to D.</summary>
    public int DLow { get; init; } = 4;

    /// <summary>Above this mesh size the heartbeat prunes down to D.</summary>
    public int DHigh { get; init; } = 12;

    /// <summary>Minimum number of non-mesh peers to gossip to per topic.</summary>
    public int DLazy { get; init; } = 6;

    /// <summary>Peers kept by score when pruning an oversized mesh.</summary>
    public int DScore { get; init; } = 4;

    /// <summary>Outbound-connection peers the mesh tries to keep.</summary>
    public int DOut { get; init; } = 2;

    /// <summary>Fraction of eligible peers gossiped to, when that is more than <see cref="DLazy"/>.</summary>
    public double GossipFactor { get; init; } = 0.25;

    /// <summary>Heartbeat period.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Delay before the first heartbeat.</summary>
    public TimeSpan HeartbeatInitialDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Fanout state of a topic we publish to without subscribing is dropped after this idle time.</summary>
    public TimeSpan FanoutTimeToLive { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Message-cache windows kept (one per heartbeat).</summary>
    public int HistoryLength { get; init; } = 5;

    /// <summary>Message-cache windows advertised in IHAVE.</summary>
    public int HistoryGossip { get; init; } = 3;

    /// <summary>How long a message id counts as seen.</summary>
    public TimeSpan SeenTimeToLive { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often one peer may fetch the same message with IWANT.</summary>
    public int GossipRetransmission { get; init; } = 3;

    /// <summary>Back-off after a PRUNE.</summary>
    public TimeSpan PruneBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Back-off announced when we leave a topic.</summary>
    public TimeSpan UnsubscribeBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A GRAFT this soon after our PRUNE earns an extra behaviour penalty.</summary>
    public TimeSpan GraftFloodThreshold { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether our PRUNEs carry peer exchange.</summary>
    public bool DoPeerExchange { get; init; } = true;

    /// <summary>Peers offered in one PRUNE's peer exchange.</summary>
    public int PrunePeers { get; init; } = 16;

    /// <summary>Most message ids we ask for per peer per heartbeat (and most ids read from one IHAVE round).</summary>
    public int MaxIHaveLength { get; init; } = 5000;

    /// <summary>Most IHAVE RPCs handled per peer per heartbeat.</summary>
    public int MaxIHaveMessages { get; init; } = 10;

    /// <summary>Most IWANT RPCs answered per peer per heartbeat.</summary>
    public int MaxIWantMessages { get; init; } = 10;

    /// <summary>How long a peer has to deliver a message it advertised and we asked for.</summary>
    public TimeSpan IWantFollowUpTime { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Heartbeats between opportunistic grafting rounds.</summary>
    public int OpportunisticGraftTicks { get; init; } = 60;

    /// <summary>Peers grafted per opportunistic round.</summary>
    public int OpportunisticGraftPeers { get; init; } = 2;

    /// <summary>Publish own messages to every topic peer above the publish threshold, not just the mesh.</summary>
    public bool FloodPublish { get; init; } = true;

    /// <summary>Message authoring policy; all peers must agree.</summary>
    public SignaturePolicy SignaturePolicy { get; init; } = SignaturePolicy.StrictSign;

    /// <summary>Message id function for topics without an entry in <see cref="TopicMessageIdFunctions"/>; null selects the js default for the policy.</summary>
    public MessageIdFunction? MessageIdFunction { get; init; }

    /// <summary>Per-topic message id functions.</summary>
    public IReadOnlyDictionary<string, MessageIdFunction> TopicMessageIdFunctions { get; init; } = new Dictionary<string, MessageIdFunction>();

    /// <summary>Largest encoded message accepted or published (1 MiB).</summary>
    public int MaxMessageSize { get; init; } = 1024 * 1024;

    /// <summary>A validator that has not answered by then is cancelled and the message ignored.</summary>
    public TimeSpan ValidationTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether local subscribers also receive messages this node publishes.</summary>
    public bool DeliverOwnMessages { get; init; }

    /// <summary>Messages buffered per local subscription before the oldest are dropped (and logged).</summary>
    public int SubscriptionBufferCapacity { get; init; } = 16_384;

    /// <summary>Most topics one remote peer may be subscribed to in our view.</summary>
    public int MaxTopicsPerPeer { get; init; } = 1024;

    /// <summary>Per-peer inbound rate limits.</summary>
    public PeerRateLimit RateLimit { get; init; } = new();

    /// <summary>Decoding limits for inbound RPCs.</summary>
    public RpcDecodeLimits DecodeLimits { get; init; } = RpcDecodeLimits.Default;

    /// <summary>Peer score parameters.</summary>
    public PeerScoreParameters Score { get; init; } = new();

    /// <summary>Peer score thresholds.</summary>
    public PeerScoreThresholds Thresholds { get; init; } = new();

    /// <summary>
    /// Direct peers (gossipsub v1.1 explicit peering): every message of a topic they subscribe to is sent to them,
    /// they are never in a mesh (their GRAFTs are answered with a PRUNE), and their traffic is accepted whatever their
    /// score. Both sides should list each other. The network layer keeps them connected.
    /// </summary>
    public IReadOnlySet<PeerId> DirectPeers { get; init; } = new HashSet<PeerId>();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent setting.</summary>
    public void Validate()
    {
        Require(DLow >= 1 && DLow <= D && D <= DHigh, "mesh degrees must satisfy 1 <= DLow <= D <= DHigh");
        Require(DOut >= 0 && DOut < DLow && DOut <= D / 2, "DOut must be below DLow and at most D/2");
        Require(DScore >= 0 && DScore <= D, "DScore must be between 0 and D");
        Require(HistoryGossip >= 1 && HistoryGossip <= HistoryLength, "HistoryGossip must be between 1 and HistoryLength");
        Require(HeartbeatInterval > TimeSpan.Zero, "HeartbeatInterval must be positive");
        Require(MaxMessageSize > 0, "MaxMessageSize must be positive");
        Require(ValidationTimeout > TimeSpan.Zero, "ValidationTimeout must be positive");
        Require(SubscriptionBufferCapacity > 0, "SubscriptionBufferCapacity must be positive");
        Score.Validate();
        Thresholds.Validate();
    }

    /// <summary>The message id function for <paramref name="topic"/>.</summary>
    public MessageIdFunction MessageIdFunctionFor(string topic) =>
        TopicMessageIdFunctions.TryGetValue(topic, out var function)
            ? function
            : MessageIdFunction ?? (SignaturePolicy == SignaturePolicy.StrictSign
                ? MessageIdFunctions.PublicKeyAndSequenceNumber
                : MessageIdFunctions.Sha256OfData);

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Invalid gossipsub options: {message}.");
        }
    }
}
