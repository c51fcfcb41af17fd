using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.PeerRecords;
using DePinGpu.Libp2p.Discovery;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.Libp2p.PubSub.Routing;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.Tests.PubSub;

public sealed class PeerExchangeTests
{
    private const string Topic = "depingpu/px";

    [Fact]
    public async Task OversizedMesh_IsPrunedToD_WithBackoffAndPeerExchange()
    {
        using var network = new InMemoryPubSubNetwork();
        var (hub, spokes) = AddHubAndSpokes(network);

        var exchanged = await OvergraftAndPruneAsync(network, hub, spokes);

        Assert.Equal(2, hub.Router.GetMeshPeers(Topic).Count);
        Assert.NotEmpty(exchanged);
        Assert.All(exchanged, peer => Assert.Contains(peer.PeerId, spokes.Select(spoke => spoke.PeerId)));
        Assert.All(exchanged, peer => Assert.Null(peer.SignedPeerRecord));
    }

    [Fact]
    public async Task Prune_PeerExchange_CarriesTheSignedRecordsThePrunerKnows()
    {
        using var network = new InMemoryPubSubNetwork();
        var (hub, spokes) = AddHubAndSpokes(network);
        foreach (var spoke in spokes)
        {
            hub.KnownRecords[spoke.PeerId] = SignedPeerRecord.Create(spoke.Key, 7, [Multiaddr.Parse($"/ip4/127.0.0.1/tcp/{4000 + spoke.Index}")]);
        }

        var exchanged = await OvergraftAndPruneAsync(network, hub, spokes);

        Assert.NotEmpty(exchanged);
        Assert.All(exchanged, peer =>
        {
            Assert.True(SignedPeerRecord.TryParse(peer.SignedPeerRecord, out var record, out var error), error);
            Assert.Equal(peer.PeerId, record!.PeerId);
            Assert.Equal(hub.KnownRecords[peer.PeerId], peer.SignedPeerRecord);
        });
    }

    [Fact]
    public async Task PeerExchange_FromALowScoredPeer_IsIgnored()
    {
        using var network = new InMemoryPubSubNetwork();
        var a = network.AddNode();
        var b = network.AddNode();
        var c = network.AddNode();
        using var subscriptionA = a.Router.Subscribe(Topic);
        using var subscriptionB = b.Router.Subscribe(Topic);
        network.Connect(a, b);
        await network.DrainAsync();
        var exchanged = new List<ExchangedPeer>();
        a.Router.PeersExchanged += exchanged.AddRange;

        // Default AcceptPeerExchangeThreshold is 10 and b's score is about 0: its PX must not be followed.
        b.SendRaw(a.PeerId, new Rpc { Control = new ControlMessage { Prune = [new ControlPrune(Topic, [new PeerExchangeRecord(c.PeerId.ToByteArray(), null)], 60)] } });
        await network.DrainAsync();

        Assert.Empty(exchanged);
        Assert.Empty(a.Router.GetMeshPeers(Topic));
    }

    /// <summary>A hub and five spokes with D = 2 / D_high = 3, so that a full mesh must be pruned.</summary>
    private static (SimulatedNode Hub, List<SimulatedNode> Spokes) AddHubAndSpokes(InMemoryPubSubNetwork network)
    {
        var small = new GossipSubOptions { D = 2, DLow = 1, DHigh = 3, DScore = 1, DOut = 0, Thresholds = new() { AcceptPeerExchangeThreshold = 0 } };
        var hub = network.AddNode(small);
        return (hub, [.. Enumerable.Range(0, 5).Select(_ => network.AddNode(small))]);
    }

    /// <summary>Every spoke grafts the hub, one heartbeat prunes the hub's mesh; returns the peers exchanged to the spokes.</summary>
    private static async Task<List<ExchangedPeer>> OvergraftAndPruneAsync(InMemoryPubSubNetwork network, SimulatedNode hub, List<SimulatedNode> spokes)
    {
        // Kept open for the rest of the test (the network's disposal ends them): an unsubscribe would leave the mesh.
        _ = spokes.Append(hub).Select(node => node.Router.Subscribe(Topic)).ToList();
        var exchanged = new List<ExchangedPeer>();
        foreach (var spoke in spokes)
        {
            network.Connect(hub, spoke);
            spoke.Router.PeersExchanged += exchanged.AddRange;
        }

        await network.DrainAsync();
        foreach (var spoke in spokes)
        {
            // The hub dialed every spoke, so it accepts their GRAFTs even beyond D_high (outbound peers are always accepted).
            spoke.SendRaw(hub.PeerId, new Rpc { Control = new ControlMessage { Graft = [new ControlGraft(Topic)] } });
        }

        await network.DrainAsync();
        await network.RunHeartbeatsAsync(1);
        return exchanged;
    }
}
