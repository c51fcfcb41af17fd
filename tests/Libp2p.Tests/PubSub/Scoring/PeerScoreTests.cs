using System.Net;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.Libp2p.PubSub.Scoring;

namespace DePinGpu.Libp2p.Tests.PubSub.Scoring;

public sealed class PeerScoreTests
{
    private const string Topic = "t";
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void InvalidMessages_ArePenalisedQuadratically_AndDecay()
    {
        var score = new PeerScore(new PeerScoreParameters(), _time);
        var peer = TestKeys.FromIndex(1).PeerId;
        score.AddPeer(peer, null);

        score.RejectInvalidMessage(peer, Topic);
        Assert.Equal(-10, score.Score(peer), 6);
        score.RejectInvalidMessage(peer, Topic);
        Assert.Equal(-40, score.Score(peer), 6);
        score.Refresh();
        Assert.Equal(-40 * 0.99 * 0.99, score.Score(peer), 6);
    }

    [Fact]
    public void FirstDeliveries_AreRewarded_AndDuplicatesOfInvalidMessagesPenalised()
    {
        var score = new PeerScore(new PeerScoreParameters(), _time);
        var first = TestKeys.FromIndex(1).PeerId;
        var late = TestKeys.FromIndex(2).PeerId;
        score.AddPeer(first, null);
        score.AddPeer(late, null);
        var good = new MessageId([1]);
        var bad = new MessageId([2]);

        score.ValidateMessage(good);
        score.DeliverMessage(first, good, Topic);
        score.ValidateMessage(bad);
        score.DuplicateMessage(late, bad, Topic);
        score.RejectMessage(first, bad, Topic, ignored: false);

        Assert.Equal(1 - 10, score.Score(first), 6);
        Assert.Equal(-10, score.Score(late), 6);
    }

    [Fact]
    public void IgnoredMessages_AreNotPenalised()
    {
        var score = new PeerScore(new PeerScoreParameters(), _time);
        var peer = TestKeys.FromIndex(1).PeerId;
        score.AddPeer(peer, null);
        var id = new MessageId([1]);

        score.ValidateMessage(id);
        score.RejectMessage(peer, id, Topic, ignored: true);
        score.DuplicateMessage(TestKeys.FromIndex(2).PeerId, id, Topic);

        Assert.Equal(0, score.Score(peer));
    }

    [Fact]
    public void IPColocation_PenalisesPeersBeyondTheThreshold_UnlessDisabled()
    {
        var parameters = new PeerScoreParameters { IPColocationFactorThreshold = 2 };
        var score = new PeerScore(parameters, _time);
        var disabled = new PeerScore(parameters with { IPColocationFactorWeight = 0 }, _time);
        var peers = Enumerable.Range(0, 4).Select(index => TestKeys.FromIndex(index).PeerId).ToList();
        foreach (var peer in peers)
        {
            score.AddPeer(peer, IPAddress.Loopback);
            disabled.AddPeer(peer, IPAddress.Loopback);
        }

        Assert.Equal(-5 * 2 * 2, score.Score(peers[0]), 6);
        Assert.Equal(0, disabled.Score(peers[0]));
        score.RemovePeer(peers[3]);
        Assert.Equal(-5, score.Score(peers[0]), 6);
    }

    [Fact]
    public void BehaviourPenalty_IsSquared_AndRetainedAcrossReconnect()
    {
        var score = new PeerScore(new PeerScoreParameters(), _time);
        var peer = TestKeys.FromIndex(1).PeerId;
        score.AddPeer(peer, null);

        score.AddPenalty(peer, 3);
        Assert.Equal(-90, score.Score(peer), 6);
        score.RemovePeer(peer);
        score.AddPeer(peer, null);
        Assert.Equal(-90, score.Score(peer), 6);
    }

    [Fact]
    public void TimeInMesh_GrowsWithMeshTime_UpToTheCap()
    {
        var score = new PeerScore(new PeerScoreParameters(), _time);
        var peer = TestKeys.FromIndex(1).PeerId;
        score.AddPeer(peer, null);
        score.Graft(peer, Topic);

        _time.Advance(TimeSpan.FromSeconds(30));
        score.Refresh();
        Assert.Equal(1, score.Score(peer), 3);
        _time.Advance(TimeSpan.FromHours(1));
        score.Refresh();
        Assert.Equal(10, score.Score(peer), 3);
    }

    [Fact]
    public void InconsistentParameters_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => new PeerScore(new PeerScoreParameters { BehaviourPenaltyWeight = 1 }, _time));
        Assert.Throws<ArgumentException>(() => new PeerScoreThresholds { PublishThreshold = 0 }.Validate());
    }
}
