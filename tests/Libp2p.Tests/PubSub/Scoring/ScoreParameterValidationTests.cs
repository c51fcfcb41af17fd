using DePinGpu.Libp2p.PubSub.Scoring;

namespace DePinGpu.Libp2p.Tests.PubSub.Scoring;

/// <summary>
/// The bounds the spec puts on score parameters and thresholds: each value just outside is refused naming its term,
/// and the boundary itself is accepted.
/// </summary>
public sealed class ScoreParameterValidationTests
{
    private static readonly TopicScoreParameters Topic = new();

    public static TheoryData<string, string> RefusedTopicParameters => new()
    {
        { nameof(TopicScoreParameters.TopicWeight), "TopicWeight must be >= 0." },
        { nameof(TopicScoreParameters.TimeInMeshWeight), "P1 needs" },
        { nameof(TopicScoreParameters.TimeInMeshQuantum), "P1 needs" },
        { nameof(TopicScoreParameters.TimeInMeshCap), "P1 needs" },
        { nameof(TopicScoreParameters.FirstMessageDeliveriesWeight), "P2 needs" },
        { nameof(TopicScoreParameters.FirstMessageDeliveriesDecay), "P2 needs" },
        { nameof(TopicScoreParameters.FirstMessageDeliveriesCap), "P2 needs" },
        { nameof(TopicScoreParameters.MeshMessageDeliveriesWeight), "P3 needs" },
        { nameof(TopicScoreParameters.MeshMessageDeliveriesDecay), "P3 needs" },
        { nameof(TopicScoreParameters.MeshMessageDeliveriesCap), "P3 needs" },
        { nameof(TopicScoreParameters.MeshMessageDeliveriesThreshold), "P3 needs" },
        { nameof(TopicScoreParameters.MeshFailurePenaltyWeight), "P3b needs" },
        { nameof(TopicScoreParameters.MeshFailurePenaltyDecay), "P3b needs" },
        { nameof(TopicScoreParameters.InvalidMessageDeliveriesWeight), "P4 needs" },
        { nameof(TopicScoreParameters.InvalidMessageDeliveriesDecay), "P4 needs" },
    };

    [Theory]
    [MemberData(nameof(RefusedTopicParameters))]
    public void TopicParameter_JustOutsideItsBound_IsRefusedNamingItsTerm(string field, string message)
    {
        var refused = field switch
        {
            nameof(TopicScoreParameters.TopicWeight) => Topic with { TopicWeight = -0.001 },
            nameof(TopicScoreParameters.TimeInMeshWeight) => Topic with { TimeInMeshWeight = -0.001 },
            nameof(TopicScoreParameters.TimeInMeshQuantum) => Topic with { TimeInMeshQuantum = TimeSpan.Zero },
            nameof(TopicScoreParameters.TimeInMeshCap) => Topic with { TimeInMeshCap = 0 },
            nameof(TopicScoreParameters.FirstMessageDeliveriesWeight) => Topic with { FirstMessageDeliveriesWeight = -0.001 },
            nameof(TopicScoreParameters.FirstMessageDeliveriesDecay) => Topic with { FirstMessageDeliveriesDecay = 1 },
            nameof(TopicScoreParameters.FirstMessageDeliveriesCap) => Topic with { FirstMessageDeliveriesCap = 0 },
            nameof(TopicScoreParameters.MeshMessageDeliveriesWeight) => Topic with { MeshMessageDeliveriesWeight = 0.001 },
            nameof(TopicScoreParameters.MeshMessageDeliveriesDecay) => Topic with { MeshMessageDeliveriesDecay = 0 },
            nameof(TopicScoreParameters.MeshMessageDeliveriesCap) => Topic with { MeshMessageDeliveriesCap = 0 },
            nameof(TopicScoreParameters.MeshMessageDeliveriesThreshold) => Topic with { MeshMessageDeliveriesThreshold = 0 },
            nameof(TopicScoreParameters.MeshFailurePenaltyWeight) => Topic with { MeshFailurePenaltyWeight = 0.001 },
            nameof(TopicScoreParameters.MeshFailurePenaltyDecay) => Topic with { MeshFailurePenaltyDecay = 1 },
            nameof(TopicScoreParameters.InvalidMessageDeliveriesWeight) => Topic with { InvalidMessageDeliveriesWeight = 0.001 },
            nameof(TopicScoreParameters.InvalidMessageDeliveriesDecay) => Topic with { InvalidMessageDeliveriesDecay = 0 },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        var exception = Assert.Throws<ArgumentException>(refused.Validate);
        Assert.StartsWith($"Invalid score parameters: {message}", exception.Message, StringComparison.Ordinal);
        // Named topics and the default topic are both checked by the peer parameters.
        Assert.Throws<ArgumentException>(new PeerScoreParameters { Topics = new Dictionary<string, TopicScoreParameters> { ["t"] = refused } }.Validate);
        Assert.Throws<ArgumentException>(new PeerScoreParameters { DefaultTopic = refused }.Validate);
    }

    [Fact]
    public void TopicParameters_AtTheirBounds_AreAccepted()
    {
        var boundary = new TopicScoreParameters
        {
            TopicWeight = 0,
            TimeInMeshWeight = 0,
            TimeInMeshQuantum = TimeSpan.FromTicks(1),
            TimeInMeshCap = 0.001,
            FirstMessageDeliveriesWeight = 0,
            FirstMessageDeliveriesDecay = 0.999,
            FirstMessageDeliveriesCap = 0.001,
            MeshMessageDeliveriesWeight = 0,
            MeshMessageDeliveriesDecay = 0.001,
            MeshMessageDeliveriesCap = 0.001,
            MeshMessageDeliveriesThreshold = 0.001,
            MeshFailurePenaltyWeight = 0,
            MeshFailurePenaltyDecay = 0.999,
            InvalidMessageDeliveriesWeight = 0,
            InvalidMessageDeliveriesDecay = 0.001,
        };

        boundary.Validate();
        new PeerScoreParameters { DefaultTopic = boundary, Topics = new Dictionary<string, TopicScoreParameters> { ["t"] = boundary } }.Validate();
    }

    [Theory]
    [InlineData("TopicScoreCap", "TopicScoreCap must be >= 0.")]
    [InlineData("IPColocationFactorWeight", "P6 needs")]
    [InlineData("IPColocationFactorThreshold", "P6 needs")]
    [InlineData("BehaviourPenaltyWeight", "P7 needs")]
    [InlineData("BehaviourPenaltyDecay", "P7 needs")]
    [InlineData("DecayInterval", "DecayInterval must be at least 100 ms.")]
    [InlineData("DecayToZero", "DecayToZero must be in (0,1).")]
    public void PeerParameter_JustOutsideItsBound_IsRefusedNamingIt(string field, string message)
    {
        var parameters = new PeerScoreParameters();
        var refused = field switch
        {
            "TopicScoreCap" => parameters with { TopicScoreCap = -0.001 },
            "IPColocationFactorWeight" => parameters with { IPColocationFactorWeight = 0.001 },
            "IPColocationFactorThreshold" => parameters with { IPColocationFactorWeight = -1, IPColocationFactorThreshold = 0.999 },
            "BehaviourPenaltyWeight" => parameters with { BehaviourPenaltyWeight = 0.001 },
            "BehaviourPenaltyDecay" => parameters with { BehaviourPenaltyWeight = -1, BehaviourPenaltyDecay = 1 },
            "DecayInterval" => parameters with { DecayInterval = TimeSpan.FromMilliseconds(100) - TimeSpan.FromTicks(1) },
            "DecayToZero" => parameters with { DecayToZero = 0 },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        var exception = Assert.Throws<ArgumentException>(refused.Validate);
        Assert.StartsWith($"Invalid score parameters: {message}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PeerParameters_AtTheirBounds_AreAccepted()
    {
        new PeerScoreParameters
        {
            DefaultTopic = null,
            TopicScoreCap = 0,
            IPColocationFactorWeight = -1,
            IPColocationFactorThreshold = 1,
            BehaviourPenaltyWeight = -1,
            BehaviourPenaltyDecay = 0.999,
            DecayInterval = TimeSpan.FromMilliseconds(100),
            DecayToZero = 0.999,
        }.Validate();

        // A disabled term's other values are not checked.
        new PeerScoreParameters { IPColocationFactorWeight = 0, IPColocationFactorThreshold = 0, BehaviourPenaltyWeight = 0, BehaviourPenaltyDecay = 1 }.Validate();
    }

    [Theory]
    [InlineData("GossipThreshold", "GossipThreshold must be <= 0.")]
    [InlineData("PublishThreshold", "PublishThreshold must be <= GossipThreshold.")]
    [InlineData("GraylistThreshold", "GraylistThreshold must be <= PublishThreshold.")]
    [InlineData("AcceptPeerExchangeThreshold", "AcceptPeerExchangeThreshold must be >= 0.")]
    [InlineData("OpportunisticGraftThreshold", "OpportunisticGraftThreshold must be >= 0.")]
    public void Threshold_OutOfOrder_IsRefusedNamingIt(string field, string message)
    {
        var thresholds = new PeerScoreThresholds();
        var refused = field switch
        {
            "GossipThreshold" => thresholds with { GossipThreshold = 0.001 },
            "PublishThreshold" => thresholds with { PublishThreshold = thresholds.GossipThreshold + 0.001 },
            "GraylistThreshold" => thresholds with { GraylistThreshold = thresholds.PublishThreshold + 0.001 },
            "AcceptPeerExchangeThreshold" => thresholds with { AcceptPeerExchangeThreshold = -0.001 },
            "OpportunisticGraftThreshold" => thresholds with { OpportunisticGraftThreshold = -0.001 },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        var exception = Assert.Throws<ArgumentException>(refused.Validate);
        Assert.Equal($"Invalid score parameters: {message}", exception.Message);
    }

    [Fact]
    public void Thresholds_AllEqualAtZero_AreAccepted()
    {
        new PeerScoreThresholds
        {
            GossipThreshold = 0,
            PublishThreshold = 0,
            GraylistThreshold = 0,
            AcceptPeerExchangeThreshold = 0,
            OpportunisticGraftThreshold = 0,
        }.Validate();
    }
}
