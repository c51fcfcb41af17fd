using System.Net;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.Libp2p.PubSub.Scoring;

namespace DePinGpu.Libp2p.Tests.PubSub.Scoring;

/// <summary>
/// A peer's score over its life: leaving with a positive or negative score, retention, its address, pruning, and the
/// delivery records of messages; expectations computed by hand from the gossipsub v1.1 formulas.
/// </summary>
public sealed class PeerScoreLifecycleTests
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
    public void NegativeScore_IsRetainedForRetainScore_ThenForgotten_PositiveScoreIsForgottenAtOnce()
    {
        var score = new PeerScore(new PeerScoreParameters { IPColocationFactorWeight = 0 }, _time);
        var (penalised, liked) = (Peer(1), Peer(2));
        score.AddPeer(penalised, null);
        score.AddPeer(liked, null);
        score.AddPenalty(penalised, 1);
        Deliver(score, liked);

        score.RemovePeer(penalised);
        score.RemovePeer(liked);
        score.AddPeer(liked, null);
        Assert.Equal(0, score.Score(liked));

        _time.Advance(TimeSpan.FromHours(1));
        score.Refresh(); // exactly the retention time: still remembered (and decayed once)
        Assert.Equal(-10 * 0.99 * 0.99, score.Score(penalised), 6);
        _time.Advance(TimeSpan.FromTicks(1));
        score.Refresh();
        Assert.Equal(0, score.Score(penalised));
    }

    [Fact]
    public void IPColocation_CountsOnlyConnectedPeersOfOneAddress_AndSparesTheWhitelist()
    {
        var shared = IPAddress.Parse("10.0.0.1");
        var whitelisted = IPAddress.Parse("10.0.0.2");
        var parameters = new PeerScoreParameters
        {
            IPColocationFactorThreshold = 2,
            IPColocationFactorWhitelist = new HashSet<IPAddress> { whitelisted },
        };
        var score = new PeerScore(parameters, _time);
        var peers = Enumerable.Range(1, 6).Select(Peer).ToList();
        for (var index = 0; index < 3; index++)
        {
            score.AddPeer(peers[index], shared);
            score.AddPeer(peers[index + 3], whitelisted);
        }

        Assert.Equal(-5, score.Score(peers[0]), 6);
        Assert.Equal(0, score.Score(peers[3]));
        score.AddPeer(peers[2], IPAddress.Parse("10.0.0.3")); // moved: its old address has two peers left
        Assert.Equal(0, score.Score(peers[0]));
    }

    [Fact]
    public void DeliveryRecords_ExpireAfterTwoMinutes_SoLateDuplicatesOfAnInvalidMessageAreNotPenalised()
    {
        var score = new PeerScore(Only(Silent with { InvalidMessageDeliveriesWeight = -1 }), _time);
        var (sender, early, late) = (Peer(1), Peer(2), Peer(3));
        foreach (var peer in new[] { sender, early, late })
        {
            score.AddPeer(peer, null);
        }

        var id = new MessageId([7]);
        score.ValidateMessage(id);
        score.RejectMessage(sender, id, Topic, ignored: false);
        score.DeliverMessage(sender, id, Topic); // already decided: the record stays invalid
        _time.Advance(TimeSpan.FromMinutes(1));
        score.Refresh(); // one minute in: the record is kept
        score.DuplicateMessage(early, id, Topic);
        _time.Advance(TimeSpan.FromMinutes(1));
        score.Refresh(); // exactly two minutes after the record began: it is gone
        score.DuplicateMessage(late, id, Topic);

        Assert.Equal(-Math.Pow(0.99, 4), score.Score(sender), 6); // a counter of 0.99², squared
        Assert.Equal(-0.99 * 0.99, score.Score(early), 6);
        Assert.Equal(0, score.Score(late));
    }

    [Fact]
    public void LeavingWithAPositiveScore_FreesItsAddress_AndNoPeerIsRemovedTwice()
    {
        var score = new PeerScore(new PeerScoreParameters { IPColocationFactorThreshold = 1 }, _time);
        var (liked, neighbour) = (Peer(1), Peer(2));
        score.AddPeer(liked, IPAddress.Loopback);
        score.AddPeer(neighbour, IPAddress.Loopback);
        for (var index = 0; index < 10; index++)
        {
            Deliver(score, liked);
        }

        Assert.Equal(10 - 5, score.Score(liked), 6);
        Assert.Equal(-5, score.Score(neighbour), 6);
        score.RemovePeer(liked);
        score.RemovePeer(Peer(3)); // never added: nothing happens

        Assert.Equal(0, score.Score(neighbour));
    }

    [Fact]
    public void TimeInMesh_CountsNoMoreOnceThePeerIsPrunedOrLeaves()
    {
        var parameters = new PeerScoreParameters { IPColocationFactorWeight = 0, BehaviourPenaltyThreshold = 0 };
        var score = new PeerScore(parameters, _time);
        var (pruned, leaving) = (Peer(1), Peer(2));
        foreach (var peer in new[] { pruned, leaving })
        {
            score.AddPeer(peer, null);
            score.Graft(peer, Topic);
        }

        score.AddPenalty(leaving, 1); // -10, so leaving is remembered
        _time.Advance(TimeSpan.FromSeconds(30));
        score.Refresh();
        score.Prune(pruned, Topic);
        score.RemovePeer(leaving);
        _time.Advance(TimeSpan.FromSeconds(30));
        score.Refresh();

        // P1 counts only while in the mesh: 0 once out, not the 60 s (2 points) a peer still marked in the mesh would have.
        Assert.Equal(0, score.Score(pruned));
        Assert.Equal(-10 * Math.Pow(0.99, 4), score.Score(leaving), 6);
    }

    [Fact]
    public void RejectingAMessageTwice_PenalisesItsSenderOnce()
    {
        var score = new PeerScore(Only(Silent with { InvalidMessageDeliveriesWeight = -1 }), _time);
        var sender = Peer(1);
        score.AddPeer(sender, null);
        var id = new MessageId([9]);
        score.ValidateMessage(id);

        score.RejectMessage(sender, id, Topic, ignored: false);
        score.RejectMessage(sender, id, Topic, ignored: false);

        Assert.Equal(-1, score.Score(sender), 6);
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
