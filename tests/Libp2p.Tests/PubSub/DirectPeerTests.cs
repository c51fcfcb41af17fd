using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.Tests.PubSub;

/// <summary>gossipsub v1.1 explicit peering: direct peers get every message, are never meshed, and refuse GRAFTs.</summary>
public sealed class DirectPeerTests
{
    private const string Topic = "depingpu/direct";

    [Fact]
    public async Task DirectPeer_IsNeverMeshed_YetReceivesEveryRelayedMessage()
    {
        using var network = new InMemoryPubSubNetwork();
        var publisher = network.AddNode(Options());
        var relay = network.AddNode(Options(TestKeys.FromIndex(2).PeerId));
        var standby = network.AddNode(Options(TestKeys.FromIndex(1).PeerId));
        var subscriptions = new[] { publisher, relay, standby }.Select(node => node.Router.Subscribe(Topic)).ToList();
        network.Connect(publisher, relay);
        network.Connect(relay, standby);
        await network.DrainAsync();
        await network.RunHeartbeatsAsync(3);

        Assert.DoesNotContain(standby.PeerId, relay.Router.GetMeshPeers(Topic));
        Assert.DoesNotContain(relay.PeerId, standby.Router.GetMeshPeers(Topic));
        Assert.Contains(publisher.PeerId, relay.Router.GetMeshPeers(Topic));

        publisher.Router.Publish(Topic, "checkpoint 42"u8);
        await network.DrainAsync();

        var delivered = Assert.Single(SimulatedNode.Received(subscriptions[2]));
        Assert.Equal("checkpoint 42"u8.ToArray(), delivered.Data.ToArray());
        Assert.Equal(publisher.PeerId, delivered.Author);
    }

    [Fact]
    public async Task Graft_FromADirectPeer_IsAnsweredWithAPruneWithoutPeerExchange()
    {
        using var network = new InMemoryPubSubNetwork();
        var node = network.AddNode(Options(TestKeys.FromIndex(1).PeerId));
        var misconfigured = network.AddNode(Options());
        var other = network.AddNode(Options());
        var subscriptions = new[] { node, misconfigured, other }.Select(n => n.Router.Subscribe(Topic)).ToList();
        network.Connect(node, misconfigured);
        network.Connect(node, other);
        await network.DrainAsync();
        var prunes = new List<ControlPrune>();
        node.Tamper = (peer, rpc) =>
        {
            if (peer == misconfigured.PeerId && rpc.Control is { } control)
            {
                prunes.AddRange(control.Prune);
            }

            return rpc;
        };

        misconfigured.SendRaw(node.PeerId, new Rpc { Control = new ControlMessage { Graft = [new ControlGraft(Topic)] } });
        await network.DrainAsync();

        var prune = Assert.Single(prunes);
        Assert.Equal(Topic, prune.Topic);
        Assert.Empty(prune.Peers);
        Assert.DoesNotContain(misconfigured.PeerId, node.Router.GetMeshPeers(Topic));
    }

    private static GossipSubOptions Options(params PeerId[] direct) =>
        new() { FloodPublish = false, DirectPeers = new HashSet<PeerId>(direct) };
}
