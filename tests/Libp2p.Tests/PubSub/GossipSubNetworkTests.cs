using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.Libp2p.PubSub.Routing;

namespace DePinGpu.Libp2p.Tests.PubSub;

public sealed class GossipSubNetworkTests
{
    private const string Topic = "depingpu/test";

    [Fact]
    public async Task TwoNodes_SubscribeAndConnect_GraftEachOtherAndDeliverSignedMessages()
    {
        using var network = new InMemoryPubSubNetwork();
        var a = network.AddNode();
        var b = network.AddNode();
        using var subscriptionA = a.Router.Subscribe(Topic);
        using var subscriptionB = b.Router.Subscribe(Topic);
        network.Connect(a, b);
        await network.DrainAsync();

        Assert.Equal([b.PeerId], a.Router.GetMeshPeers(Topic));
        Assert.Equal([a.PeerId], b.Router.GetMeshPeers(Topic));
        var result = a.Router.Publish(Topic, "hi"u8);
        await network.DrainAsync();

        Assert.Equal(1, result.PeerCount);
        var message = Assert.Single(SimulatedNode.Received(subscriptionB));
        Assert.Equal("hi"u8.ToArray(), message.Data.ToArray());
        Assert.Equal(a.PeerId, message.Author);
        Assert.Equal(result.Id, message.Id);
        Assert.Empty(SimulatedNode.Received(subscriptionA));
    }

    [Fact]
    public async Task TwentyNodeSparseNetwork_EveryMessageReachesAllExactlyOnce_EvenAfterFiveDie()
    {
        using var network = new InMemoryPubSubNetwork();
        var nodes = Enumerable.Range(0, 20).Select(_ => network.AddNode(new GossipSubOptions { FloodPublish = false })).ToList();
        var subscriptions = nodes.ToDictionary(node => node, node => node.Router.Subscribe(Topic));
        network.ConnectRandomSparse(seed: 7, extraEdges: 12);
        await network.DrainAsync();
        await network.RunHeartbeatsAsync(3);

        await PublishAndCheckAsync(network, nodes, subscriptions, rounds: 10);

        var victimOrder = new Random(5);

        // Kill five random nodes, skipping any whose death would split the survivors (no router could bridge that).
        var killed = 0;
        foreach (var victim in nodes.OrderBy(_ => victimOrder.Next()).ToList())
        {
            if (killed < 5 && IsConnected(nodes.Where(node => node.Alive && node != victim).ToList()))
            {
                network.Kill(victim);
                killed++;
            }
        }

        var survivors = nodes.Where(node => node.Alive).ToList();
        Assert.Equal(15, survivors.Count);
        await network.RunHeartbeatsAsync(3);
        await PublishAndCheckAsync(network, survivors, subscriptions, rounds: 10);
    }

    [Fact]
    public async Task MeshDegree_StaysWithinBounds_InADenseNetwork()
    {
        using var network = new InMemoryPubSubNetwork();
        var nodes = Enumerable.Range(0, 16).Select(_ => network.AddNode()).ToList();
        var subscriptions = nodes.Select(node => node.Router.Subscribe(Topic)).ToList();
        foreach (var a in nodes)
        {
            foreach (var b in nodes.Where(b => b.Index > a.Index))
            {
                network.Connect(a, b);
            }
        }

        await network.DrainAsync();
        await network.RunHeartbeatsAsync(5);

        var options = nodes[0].Router.Options;
        Assert.All(nodes, node => Assert.InRange(node.Router.GetMeshPeers(Topic).Count, options.DLow, options.DHigh));
    }

    [Fact]
    public async Task Gossip_PeerOutsideTheMesh_GetsMessageThroughIHaveAndIWant()
    {
        using var network = new InMemoryPubSubNetwork();
        var narrow = new GossipSubOptions { D = 1, DLow = 1, DHigh = 1, DScore = 1, DOut = 0, FloodPublish = false };
        var hub = network.AddNode(narrow);
        var first = network.AddNode(narrow);
        var second = network.AddNode(narrow);
        using var hubSubscription = hub.Router.Subscribe(Topic);
        using var firstSubscription = first.Router.Subscribe(Topic);
        using var secondSubscription = second.Router.Subscribe(Topic);
        network.Connect(first, hub);
        network.Connect(second, hub);
        await network.DrainAsync();
        await network.RunHeartbeatsAsync(2);
        var outside = hub.Router.GetMeshPeers(Topic).Contains(first.PeerId) ? secondSubscription : firstSubscription;
        SimulatedNode.Received(outside);

        hub.Router.Publish(Topic, "gossiped"u8);
        await network.DrainAsync();
        Assert.Empty(SimulatedNode.Received(outside));
        await network.RunHeartbeatsAsync(1);

        var message = Assert.Single(SimulatedNode.Received(outside));
        Assert.Equal("gossiped"u8.ToArray(), message.Data.ToArray());
    }

    [Fact]
    public async Task Publish_WithoutSubscribing_UsesFanout()
    {
        using var network = new InMemoryPubSubNetwork();
        var publisher = network.AddNode(new GossipSubOptions { FloodPublish = false });
        var receivers = Enumerable.Range(0, 3).Select(_ => network.AddNode()).ToList();
        var subscriptions = receivers.Select(node => node.Router.Subscribe(Topic)).ToList();
        foreach (var receiver in receivers)
        {
            network.Connect(publisher, receiver);
        }

        await network.DrainAsync();
        var result = publisher.Router.Publish(Topic, [1]);
        await network.DrainAsync();

        Assert.Equal(3, result.PeerCount);
        Assert.Empty(publisher.Router.GetMeshPeers(Topic));
        Assert.All(subscriptions, subscription => Assert.Single(SimulatedNode.Received(subscription)));
    }

    [Fact]
    public async Task FloodSubPeer_ReceivesAndRelaysWithoutControlMessages()
    {
        using var network = new InMemoryPubSubNetwork();
        var gossip = network.AddNode();
        var flood = network.AddNode(protocol: PubSubProtocols.FloodSub);
        var beyond = network.AddNode();
        using var gossipSubscription = gossip.Router.Subscribe(Topic);
        using var floodSubscription = flood.Router.Subscribe(Topic);
        using var beyondSubscription = beyond.Router.Subscribe(Topic);
        network.Connect(gossip, flood);
        network.Connect(flood, beyond);
        await network.DrainAsync();
        await network.RunHeartbeatsAsync(2);

        Assert.Empty(gossip.Router.GetMeshPeers(Topic));
        Assert.Equal(PubSubProtocols.FloodSub, gossip.Router.GetPeerProtocol(flood.PeerId));
        gossip.Router.Publish(Topic, [7]);
        beyond.Router.Publish(Topic, [8]);
        await network.DrainAsync();

        Assert.Equal(2, SimulatedNode.Received(floodSubscription).Count);
        Assert.Equal([8], Assert.Single(SimulatedNode.Received(gossipSubscription)).Data.ToArray());
        Assert.Equal([7], Assert.Single(SimulatedNode.Received(beyondSubscription)).Data.ToArray());
    }

    private static async Task PublishAndCheckAsync(
        InMemoryPubSubNetwork network,
        List<SimulatedNode> nodes,
        Dictionary<SimulatedNode, PubSubSubscription> subscriptions,
        int rounds)
    {
        var random = new Random(99);
        for (var round = 0; round < rounds; round++)
        {
            var publisher = nodes[random.Next(nodes.Count)];
            var result = publisher.Router.Publish(Topic, BitConverter.GetBytes(round));
            await network.DrainAsync();
            foreach (var node in nodes.Where(node => node != publisher))
            {
                var received = SimulatedNode.Received(subscriptions[node]);
                Assert.True(received.Count == 1, $"{node} got {received.Count} copies of round {round} from {publisher}");
                Assert.Equal(result.Id, received[0].Id);
            }

            await network.RunHeartbeatsAsync(1);
            Assert.All(nodes, node => Assert.Empty(SimulatedNode.Received(subscriptions[node])));
        }
    }

    private static bool IsConnected(List<SimulatedNode> nodes)
    {
        var alive = nodes.Select(node => node.PeerId).ToHashSet();
        var reached = new HashSet<PeerId> { nodes[0].PeerId };
        var frontier = new Queue<SimulatedNode>([nodes[0]]);
        var byId = nodes.ToDictionary(node => node.PeerId);
        while (frontier.TryDequeue(out var node))
        {
            foreach (var next in node.Links.Where(link => alive.Contains(link) && reached.Add(link)))
            {
                frontier.Enqueue(byId[next]);
            }
        }

        return reached.Count == nodes.Count;
    }
}
