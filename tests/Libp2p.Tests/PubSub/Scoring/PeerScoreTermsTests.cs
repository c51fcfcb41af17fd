using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.Libp2p.PubSub.Scoring;

namespace DePinGpu.Libp2p.Tests.PubSub.Scoring;

/// <summary>
/// Each score term of gossipsub v1.1 alone (the other weights set to 0), with expectations computed by hand from the
/// formulas of the spec: the boundaries of activation, windows, caps, thresholds, retention and record expiry.
/// </summary>
public sealed class PeerScoreTermsTests
{
    private const string Topic = "t";

    private static readonly TopicScoreParameters Silent = new()
    {
        TimeInMeshWeight = 0,
        FirstMessageDeliveriesWeight = 0,
        InvalidMessageDeliveriesWeight = 0,
    };

    private readonly ManualTimeProvider _time = new();
    private int _nextMessage;

    [Fact]
    public void MeshDeliveryDeficit_CountsOnlyAfterActivation_ShrinksWithDeliveries_AndDecays()
    {
        var topic = Silent with
        {
            MeshMessageDeliveriesWeight = -1,
            MeshMessageDeliveriesThreshold = 4,
            MeshMessageDeliveriesCap = 3,
            MeshMessageDeliveriesActivation = TimeSpan.FromSeconds(5),
        };
        var score = new PeerScore(Only(topic), _time);
        var peer = Peer(1);
        score.AddPeer(peer, null);
        score.Graft(peer, Topic);

        _time.Advance(TimeSpan.FromSeconds(5));
        score.Refresh();
        Assert.Equal(0, score.Score(peer)); // exactly the activation time: not yet active
        _time.Advance(TimeSpan.FromSeconds(1));
        score.Refresh();
        Assert.Equal(-16, score.Score(peer), 6);

        Deliver(score, peer);
        Assert.Equal(-9, score.Score(peer), 6);
        score.Refresh(); // 1 × 0.5
        Assert.Equal(-3.5 * 3.5, score.Score(peer), 6);
        for (var index = 0; index < 5; index++)
        {
            Deliver(score, peer);
        }

        Assert.Equal(-1, score.Score(peer), 6); // capped at 3 of the threshold's 4

        score.Graft(peer, Topic); // a new graft starts a new activation period
        Assert.Equal(0, score.Score(peer));
    }

    [Fact]
    public void Duplicates_CountAsMeshDeliveries_WhilePendingOrWithinTheWindow_FromMeshPeersOnly()
    {
        var topic = Silent with
        {
            MeshMessageDeliveriesWeight = -1,
            MeshMessageDeliveriesThreshold = 1,
            MeshMessageDeliveriesActivation = TimeSpan.FromSeconds(1),
            MeshMessageDeliveriesWindow = TimeSpan.FromMilliseconds(10),
        };
        var score = new PeerScore(Only(topic), _time);
        var (first, pending, prompt, late, outsider) = (Peer(1), Peer(2), Peer(3), Peer(4), Peer(5));
        foreach (var peer in new[] { first, pending, prompt, late })
        {
            score.AddPeer(peer, null);
            score.Graft(peer, Topic);
        }

        score.AddPeer(outsider, null);
        _time.Advance(TimeSpan.FromSeconds(2));
        score.Refresh();
        var id = new MessageId([42]);

        score.ValidateMessage(id);
        score.DuplicateMessage(pending, id, Topic);
        score.DuplicateMessage(outsider, id, Topic);
        score.DeliverMessage(first, id, Topic);
        _time.Advance(TimeSpan.FromMilliseconds(10));
        score.DuplicateMessage(prompt, id, Topic); // exactly at the end of the window: still counts
        score.DuplicateMessage(prompt, id, Topic); // the same peer again: counted once
        _time.Advance(TimeSpan.FromMilliseconds(1));
        score.DuplicateMessage(late, id, Topic);

        Assert.Equal(0, score.Score(first));
        Assert.Equal(0, score.Score(pending));
        Assert.Equal(0, score.Score(prompt));
        Assert.Equal(-1, score.Score(late), 6);
        score.Refresh(); // prompt: 1 × 0.5 left, so a second count would have shown as 2 × 0.5
        Assert.Equal(-0.25, score.Score(prompt), 6);

        // The outsider was not in the mesh: its duplicate did not count towards a later mesh membership.
        score.Graft(outsider, Topic);
        _time.Advance(TimeSpan.FromSeconds(2));
        score.Refresh();
        Assert.Equal(-1, score.Score(outsider), 6);
    }

    [Fact]
    public void MeshFailurePenalty_FollowsAPruneOrADisconnectAfterActivation_AndDecays()
    {
        var topic = Silent with
        {
            MeshFailurePenaltyWeight = -1,
            MeshFailurePenaltyDecay = 0.5,
            MeshMessageDeliveriesThreshold = 4,
            MeshMessageDeliveriesActivation = TimeSpan.FromSeconds(1),
        };
        var score = new PeerScore(Only(topic), _time);
        var (failing, leaving, early) = (Peer(1), Peer(2), Peer(3));
        foreach (var peer in new[] { failing, leaving, early })
        {
            score.AddPeer(peer, null);
        }

        score.Graft(failing, Topic);
        score.Graft(leaving, Topic);
        _time.Advance(TimeSpan.FromSeconds(2));
        score.Refresh();
        Deliver(score, failing);
        score.Graft(early, Topic);

        score.Prune(failing, Topic);
        score.Prune(early, Topic);
        score.RemovePeer(leaving);

        Assert.Equal(-9, score.Score(failing), 6);
        Assert.Equal(0, score.Score(early));
        Assert.Equal(-16, score.Score(leaving), 6); // a score of 0 is remembered like a negative one
        score.Refresh();
        Assert.Equal(-4.5, score.Score(failing), 6);
        Assert.Equal(-8, score.Score(leaving), 6);
    }

    [Fact]
    public void PositiveTopicScore_IsCappedBeforeTheApplicationScoreIsAdded_UnlessTheCapIsZero()
    {
        var peer = Peer(1);
        var parameters = Only(Silent with { FirstMessageDeliveriesWeight = 1 }) with
        {
            TopicScoreCap = 5,
            AppSpecificScore = candidate => candidate == peer ? 2 : 0,
            AppSpecificWeight = 10,
        };
        var capped = new PeerScore(parameters, _time);
        var uncapped = new PeerScore(parameters with { TopicScoreCap = 0 }, _time);
        capped.AddPeer(peer, null);
        uncapped.AddPeer(peer, null);

        for (var index = 0; index < 8; index++)
        {
            Deliver(capped, peer);
            Deliver(uncapped, peer);
        }

        Assert.Equal(5 + 20, capped.Score(peer), 6);
        Assert.Equal(8 + 20, uncapped.Score(peer), 6);
    }

    [Fact]
    public void FirstDeliveries_AreCapped_AndDecay()
    {
        var score = new PeerScore(Only(Silent with { FirstMessageDeliveriesWeight = 1 }) with { TopicScoreCap = 0 }, _time);
        var peer = Peer(1);
        score.AddPeer(peer, null);
        for (var index = 0; index < 30; index++)
        {
            Deliver(score, peer);
        }

        Assert.Equal(20, score.Score(peer), 6);
        score.Refresh();
        Assert.Equal(18, score.Score(peer), 6);
    }

    [Fact]
    public void TopicWeight_ScalesItsTopic_AndTopicsWithoutParametersAreNotScored()
    {
        var parameters = new PeerScoreParameters
        {
            Topics = new Dictionary<string, TopicScoreParameters> { ["heavy"] = Silent with { InvalidMessageDeliveriesWeight = -1, TopicWeight = 3 } },
            DefaultTopic = null,
            IPColocationFactorWeight = 0,
        };
        var score = new PeerScore(parameters, _time);
        var peer = Peer(1);
        score.AddPeer(peer, null);

        score.RejectInvalidMessage(peer, "heavy");
        score.RejectInvalidMessage(peer, "other");
        score.Graft(peer, "other");
        Deliver(score, peer, "other");

        Assert.Equal(-3, score.Score(peer), 6);
    }

    [Fact]
    public void BehaviourPenalty_CountsOnlyTheExcessOverItsThreshold_AndDecays()
    {
        var score = new PeerScore(new PeerScoreParameters { BehaviourPenaltyThreshold = 2, IPColocationFactorWeight = 0 }, _time);
        var peer = Peer(1);
        score.AddPeer(peer, null);

        score.AddPenalty(peer, 2);
        Assert.Equal(0, score.Score(peer));
        score.AddPenalty(peer, 1);
        Assert.Equal(-10, score.Score(peer), 6);
        score.Refresh();
        Assert.Equal(-10 * 0.97 * 0.97, score.Score(peer), 6);
    }

    [Fact]
    public void Counters_DecayToZero_OnceBelowDecayToZero()
    {
        var score = new PeerScore(Only(Silent with { InvalidMessageDeliveriesWeight = -10, InvalidMessageDeliveriesDecay = 0.5 }), _time);
        var peer = Peer(1);
        score.AddPeer(peer, null);
        score.RejectInvalidMessage(peer, Topic);

        for (var index = 0; index < 6; index++)
        {
            score.Refresh();
        }

        Assert.Equal(-10.0 / 64 / 64, score.Score(peer), 9); // 1/64 is above 0.01
        score.Refresh();
        Assert.Equal(0, score.Score(peer)); // 1/128 is below it
    }

    private static PeerScoreParameters Only(TopicScoreParameters topic) => new() { DefaultTopic = topic, IPColocationFactorWeight = 0 };

    private static PeerId Peer(int index) => TestKeys.FromIndex(index).PeerId;

    private void Deliver(PeerScore score, PeerId from, string topic = Topic)
    {
        var id = new MessageId([.. BitConverter.GetBytes(++_nextMessage)]);
        score.ValidateMessage(id);
        score.DeliverMessage(from, id, topic);
    }
}
