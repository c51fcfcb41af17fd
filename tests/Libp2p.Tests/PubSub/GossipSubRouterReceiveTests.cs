using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.Libp2p.PubSub.Scoring;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.Tests.PubSub;

/// <summary>
/// The inbound path of one router driven by hand: subscriptions answered, an RPC from a peer that has left ignored, IWANT
/// promises kept, duplicates credited.
/// </summary>
public sealed class GossipSubRouterReceiveTests
{
    private const string Topic = "depingpu/receive";

    private static readonly PrivateKey Author = TestKeys.FromIndex(9);

    [Fact]
    public async Task Subscription_ToATopicWeAreJoinedTo_IsAnsweredWithAGraftAtOnce_NotAtTheNextHeartbeat()
    {
        using var harness = new RouterHarness();
        using var subscription = harness.Router.Subscribe(Topic);
        var peer = harness.Connect(1);
        harness.ClearSent();

        // No heartbeat runs in this test: only the subscription itself can cause the GRAFT.
        await harness.SubscribeAsync(peer, Topic);

        var graft = Assert.Single(Assert.Single(harness.SentTo(peer)).Control!.Graft);
        Assert.Equal(Topic, graft.Topic);
        Assert.Contains(peer, harness.Router.GetMeshPeers(Topic));
    }

    [Fact]
    public async Task Rpc_FromAPeerThatHasLeft_IsIgnored()
    {
        using var harness = new RouterHarness();
        using var subscription = harness.Router.Subscribe(Topic);
        var peer = harness.Connect(1);
        harness.Router.RemovePeer(peer);
        harness.ClearSent();

        // An RPC can still be in flight when its connection goes: it must change nothing, not throw.
        await harness.SubscribeAsync(peer, Topic);

        Assert.Empty(harness.SentTo(peer));
        Assert.DoesNotContain(peer, harness.Router.GetTopicPeers(Topic));
        Assert.DoesNotContain(peer, harness.Router.GetMeshPeers(Topic));
    }

    [Fact]
    public async Task Subscription_ToATopicWeAreNotIn_IsNotAnswered()
    {
        using var harness = new RouterHarness();
        using var subscription = harness.Router.Subscribe(Topic);
        var peer = harness.Connect(1);
        harness.ClearSent();

        await harness.SubscribeAsync(peer, "depingpu/elsewhere");

        Assert.Empty(harness.SentTo(peer));
        Assert.Contains(peer, harness.Router.GetTopicPeers("depingpu/elsewhere"));
    }

    [Fact]
    public async Task IWantAnsweredInTime_IsAKeptPromise_AndOnlyTheSilentPeerIsPenalised()
    {
        // Only P7 counts (no topic is scored), from the first broken promise on.
        var defaults = new GossipSubOptions();
        using var harness = new RouterHarness(defaults with { Score = defaults.Score with { DefaultTopic = null, BehaviourPenaltyThreshold = 0 } });
        using var subscription = harness.Router.Subscribe(Topic);
        var honest = harness.Connect(1);
        var silent = harness.Connect(2);
        var answered = MessageSigning.CreateSigned(Author, Topic, [1], 1);
        var neverSent = MessageSigning.CreateSigned(Author, Topic, [2], 2);

        await AdvertiseAsync(harness, honest, answered);
        await AdvertiseAsync(harness, silent, neverSent);
        await harness.SendMessageAsync(honest, answered);
        Assert.Single(SimulatedNode.Received(subscription));

        harness.Time.Advance(harness.Router.Options.IWantFollowUpTime + TimeSpan.FromSeconds(1));
        harness.Router.Heartbeat();

        Assert.Equal(0, harness.Router.GetScore(honest));
        Assert.True(harness.Router.GetScore(silent) < 0, "the peer that never answered broke its promise");
    }

    [Fact]
    public async Task Duplicate_SeenBeforeVerification_StillCountsAsAMeshDeliveryOfItsSender()
    {
        // Only P3 counts: a mesh peer owes half a delivery once active (a slow decay keeps one delivery above that); a
        // duplicate within the window pays it.
        var defaults = new GossipSubOptions();
        var topic = new TopicScoreParameters
        {
            TimeInMeshWeight = 0,
            FirstMessageDeliveriesWeight = 0,
            MeshMessageDeliveriesWeight = -1,
            MeshMessageDeliveriesThreshold = 0.5,
            MeshMessageDeliveriesDecay = 0.99,
            MeshMessageDeliveriesActivation = TimeSpan.FromSeconds(1),
            MeshMessageDeliveriesWindow = TimeSpan.FromSeconds(5),
            InvalidMessageDeliveriesWeight = 0,
        };
        using var harness = new RouterHarness(defaults with { Score = defaults.Score with { DefaultTopic = topic } });
        using var subscription = harness.Router.Subscribe(Topic);
        var first = harness.Connect(1);
        var second = harness.Connect(2);
        await harness.SubscribeAsync(first, Topic);
        await harness.SubscribeAsync(second, Topic);
        Assert.Equal(2, harness.Router.GetMeshPeers(Topic).Count);
        var message = MessageSigning.CreateSigned(Author, Topic, [1], 1);

        await harness.SendMessageAsync(first, message);
        await harness.SendMessageAsync(second, message);
        Assert.Single(SimulatedNode.Received(subscription));

        // The heartbeat past the activation time turns P3 on: each peer has paid its delivery (an unpaid one costs 0.25).
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        harness.Router.Heartbeat();
        Assert.Equal(0, harness.Router.GetScore(first));
        Assert.Equal(0, harness.Router.GetScore(second));
    }

    /// <summary><paramref name="peer"/> advertises <paramref name="message"/>; the router must ask for it (a promise).</summary>
    private static async Task AdvertiseAsync(RouterHarness harness, PeerId peer, RpcMessage message)
    {
        var id = harness.IdOf(message);
        harness.ClearSent();
        await harness.ReceiveAsync(peer, new Rpc { Control = new ControlMessage { IHave = [new ControlIHave(Topic, [id.Bytes.ToArray()])] } });
        var iwant = Assert.Single(Assert.Single(harness.SentTo(peer)).Control!.IWant);
        Assert.Equal(id.Bytes.ToArray(), Assert.Single(iwant.MessageIds));
    }
}
