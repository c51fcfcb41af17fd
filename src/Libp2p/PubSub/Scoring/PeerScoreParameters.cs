using System.Net;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.PubSub.Scoring;

/// <summary>Peer-wide score terms of gossipsub v1.1 (P5–P7), decay and retention, plus the per-topic terms.</summary>
public sealed record PeerScoreParameters
{
    /// <summary>Score terms for named topics.</summary>
    public IReadOnlyDictionary<string, TopicScoreParameters> Topics { get; init; } = new Dictionary<string, TopicScoreParameters>();

    /// <summary>Terms for every other topic; null leaves unnamed topics unscored.</summary>
    public TopicScoreParameters? DefaultTopic { get; init; } = new();

    /// <summary>Cap on the positive sum of the topic scores (0 = no cap).</summary>
    public double TopicScoreCap { get; init; } = 25;

    /// <summary>P5: an application-specific score; null means 0.</summary>
    public Func<PeerId, double>? AppSpecificScore { get; init; }

    /// <summary>P5 weight.</summary>
    public double AppSpecificWeight { get; init; } = 10;

    /// <summary>P6 weight (negative, 0 disables): penalty for many peers sharing one IP. Turn it off for multi-peer loopback networks.</summary>
    public double IPColocationFactorWeight { get; init; } = -5;

    /// <summary>P6: peers per IP tolerated before the (squared) surplus is penalised.</summary>
    public double IPColocationFactorThreshold { get; init; } = 10;

    /// <summary>P6: addresses exempt from the penalty.</summary>
    public IReadOnlySet<IPAddress> IPColocationFactorWhitelist { get; init; } = new HashSet<IPAddress>();

    /// <summary>P7 weight (negative): penalty for protocol misbehaviour (GRAFT during back-off, broken IWANT promises, malformed RPCs).</summary>
    public double BehaviourPenaltyWeight { get; init; } = -10;

    /// <summary>P7: counter tolerated before the (squared) excess is penalised.</summary>
    public double BehaviourPenaltyThreshold { get; init; }

    /// <summary>P7 decay factor.</summary>
    public double BehaviourPenaltyDecay { get; init; } = 0.99;

    /// <summary>How often counters decay.</summary>
    public TimeSpan DecayInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Counters below this value are reset to 0.</summary>
    public double DecayToZero { get; init; } = 0.01;

    /// <summary>How long a disconnected peer's score is remembered (so reconnecting does not wash it clean).</summary>
    public TimeSpan RetainScore { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The terms that apply to <paramref name="topic"/>, or null when it is not scored.</summary>
    public TopicScoreParameters? ForTopic(string topic) => Topics.TryGetValue(topic, out var parameters) ? parameters : DefaultTopic;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent value.</summary>
    public void Validate()
    {
        foreach (var topic in Topics.Values)
        {
            topic.Validate();
        }

        DefaultTopic?.Validate();
        TopicScoreParameters.Require(TopicScoreCap >= 0, "TopicScoreCap must be >= 0.");
        TopicScoreParameters.Require(IPColocationFactorWeight <= 0 && (IPColocationFactorWeight == 0 || IPColocationFactorThreshold >= 1), "P6 needs a weight <= 0 and a threshold >= 1.");
        TopicScoreParameters.Require(BehaviourPenaltyWeight <= 0 && (BehaviourPenaltyWeight == 0 || TopicScoreParameters.IsDecay(BehaviourPenaltyDecay)), "P7 needs a weight <= 0 and a decay in (0,1).");
        TopicScoreParameters.Require(DecayInterval >= TimeSpan.FromMilliseconds(100), "DecayInterval must be at least 100 ms.");
        TopicScoreParameters.Require(TopicScoreParameters.IsDecay(DecayToZero), "DecayToZero must be in (0,1).");
    }
}
