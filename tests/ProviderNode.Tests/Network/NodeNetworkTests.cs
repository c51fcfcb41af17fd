using System.Text;
using System.Threading.Channels;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Gateway;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.ProviderNode.Gossip;
using DePinGpu.ProviderNode.Network;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.ProviderNode.Specs;
using DePinGpu.ProviderNode.Tests.Gossip;
using DePinGpu.ProviderNode.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Network;

/// <summary>Two or three daemons' network stacks on loopback: gossip between them, Bitswap, registry discovery.</summary>
public sealed class NodeNetworkTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private static readonly LocalCapacity Capacity = new("RTX4090", 2, 1, 24, 1000);
    private readonly TemporaryDirectory _directory = new();
    private readonly TestOperator _active = GossipWorld.Unregistered();
    private readonly TestOperator _standby = GossipWorld.Unregistered();

    [Fact]
    public async Task TwoNodes_ExchangeHeartbeats_AndRepeatedCheckpointAnnouncementsBecomeNodeEvents()
    {
        await using var active = await StartAsync(_active, [new LeaseEpoch(7, 0)]);
        await using var standby = await StartAsync(_standby, [], active.Address);
        var heartbeatsAtStandby = standby.Bus.Subscribe<PeerHeartbeatSeen>();
        var heartbeatsAtActive = active.Bus.Subscribe<PeerHeartbeatSeen>();
        var announcementsAtStandby = standby.Bus.Subscribe<PeerCheckpointAnnounced>();
        var announcementsAtActive = active.Bus.Subscribe<PeerCheckpointAnnounced>();
        var capacityAtStandby = standby.Bus.Subscribe<PeerCapacitySeen>();

        var fromActive = await ReadAsync(heartbeatsAtStandby, active, standby);
        var fromStandby = await ReadAsync(heartbeatsAtActive, active, standby);
        var cid = Cid.ForBlock(MulticodecCode.DagPb, "step-3"u8);
        active.Bus.Publish(new OwnCheckpointImported(7, 0, 3, cid));
        var imported = await ReadAsync(announcementsAtStandby, active, standby);
        var repeated = await ReadAsync(announcementsAtStandby, active, standby);
        standby.Bus.Publish(new OwnCheckpointReplicated(7, 0, 3, cid));
        var replicated = await ReadAsync(announcementsAtActive, active, standby);
        var capacity = await ReadAsync(capacityAtStandby, active, standby);

        Assert.Equal(_active.PeerId, active.Host.LocalPeerId);
        Assert.Equal((_active.Provider, _active.PeerId), (fromActive.Provider, fromActive.Peer));
        Assert.Equal((_standby.Provider, _standby.PeerId), (fromStandby.Provider, fromStandby.Peer));
        Assert.InRange(DateTimeOffset.UtcNow - fromActive.SentAt, TimeSpan.Zero, Patience);
        Assert.Equal(new PeerCheckpointAnnounced(7, 0, 3, cid, _active.Provider, _active.PeerId, false), imported);
        Assert.Equal(imported, repeated);
        Assert.Equal(new PeerCheckpointAnnounced(7, 0, 3, cid, _standby.Provider, _standby.PeerId, true), replicated);
        Assert.Equal(new PeerCapacitySeen(_active.Provider, _active.PeerId, "RTX4090", 2, 1, 24, 1000), capacity);
    }

    [Fact]
    public async Task DaemonInTheMiddle_RejectsAForgedHeartbeat_AndRelaysOnlyTheGenuineOne()
    {
        var topic = new GossipTopics(31337, NodeNetworkStack.Market).Name(GossipTopicKind.Heartbeats);
        await using var sender = await GossipSubNode.StartAsync(key: _active.Key.ToLibp2pPrivateKey());
        await using var middle = await StartAsync(_standby, []);
        await using var receiver = await GossipSubNode.StartAsync();
        using var atSender = sender.Service.Subscribe(topic);
        using var atReceiver = receiver.Service.Subscribe(topic);
        await sender.DialAsync(middle.Address);
        await receiver.DialAsync(middle.Address);
        await WaitUntilAsync(() => middle.PubSub.Router.GetMeshPeers(topic).Count == 2 && receiver.Service.Router.GetMeshPeers(topic).Count == 1);

        var forged = GossipEncoder.Encode(new HeartbeatMessage(new GossipHeader(_standby.Provider, 1, DateTimeOffset.UtcNow), []));
        sender.Service.Publish(topic, forged);
        await WaitUntilAsync(() => middle.GossipLog().Contains("Reject", StringComparison.Ordinal));
        var genuine = GossipEncoder.Encode(new HeartbeatMessage(new GossipHeader(_active.Provider, 2, DateTimeOffset.UtcNow), []));
        sender.Service.Publish(topic, genuine);
        var fromSender = new List<byte[]>();
        while (fromSender.Count == 0)
        {
            var message = await atReceiver.Reader.ReadAsync().AsTask().WaitAsync(Patience);
            if (message.Author == _active.PeerId)
            {
                fromSender.Add(message.Data.ToArray());
            }
        }

        Assert.Equal(genuine, Assert.Single(fromSender));
        Assert.True(middle.PubSub.Router.GetScore(sender.PeerId) < 0);
    }

    [Fact]
    public async Task Spec_HeldOnlyByAPeer_IsFetchedByBitswapThroughTheSpecStore()
    {
        await using var holder = await StartAsync(_active, []);
        await using var fetcher = await StartAsync(_standby, [], holder.Address);
        var spec = Block.Create(MulticodecCode.Raw, Encoding.UTF8.GetBytes("""{"schemaVersion":1,"runtime":"process","command":["/bin/true"]}"""));
        await holder.Content.Blocks.PutAsync(spec);
        await holder.Content.PinAsync(spec.Cid, name: "spec");
        var specs = new SpecStore(fetcher.Content, new OpenOrderBook(), fetcher.Fetcher);
        await WaitUntilAsync(() => fetcher.Host.IsConnected(holder.Host.LocalPeerId));
        Assert.False(await fetcher.Content.Blocks.HasAsync(spec.Cid));

        var bytes = await specs.GetAsync(spec.Cid, Patience, CancellationToken.None);

        Assert.Equal(spec.Data.ToArray(), bytes);
        Assert.NotNull(await fetcher.Content.GetPinAsync(spec.Cid));
    }

    [Fact]
    public async Task RegistryDiscovery_DialsTheProviderItsMetadataNames_AndSkipsMetadataNamingAnotherPeer()
    {
        var impostor = GossipWorld.Unregistered();
        var relayOperator = GossipWorld.Unregistered();
        await using var target = await StartAsync(_active, []);
        await using var relay = await StartAsync(relayOperator, []);
        var metadata = MetadataBlock(target);
        await relay.Content.Blocks.PutAsync(metadata);
        await relay.Content.PinAsync(metadata.Cid, name: "metadata");
        await using var seeker = await StartAsync(_standby, [], relay.Address);
        seeker.World.Register(_active, metadata: metadata.Cid);
        seeker.World.Register(impostor, metadata: metadata.Cid);
        await WaitUntilAsync(() => seeker.Host.IsConnected(relay.Host.LocalPeerId));
        var discovery = new RegistryPeerDiscovery(
            seeker.Host, seeker.World.Directory, seeker.Fetcher, null, seeker.Content, new NetworkOptions { DiscoveryTimeout = Patience }, TimeProvider.System, NullLogger<RegistryPeerDiscovery>.Instance);

        var connected = await discovery.RunRoundAsync(CancellationToken.None);

        Assert.Equal(1, connected);
        Assert.True(seeker.Host.IsConnected(target.Host.LocalPeerId));
        Assert.False(seeker.Host.IsConnected(impostor.PeerId));
    }

    [Fact]
    public async Task RegistryDiscovery_WithNoPeerHoldingTheMetadata_FetchesItFromAGatewayAndVerifiesIt()
    {
        await using var target = await StartAsync(_active, []);
        await using var seeker = await StartAsync(_standby, []);
        var metadata = MetadataBlock(target);
        var gatewayStore = new MemoryBlockStore();
        await gatewayStore.PutAsync(metadata);
        await using var gateway = new TrustlessGateway(gatewayStore, new GatewayOptions { Port = 0 });
        await gateway.StartAsync(CancellationToken.None);
        seeker.World.Register(_active, metadata: metadata.Cid);
        var options = new NetworkOptions { DiscoveryTimeout = Patience };
        using var discovery = new RegistryPeerDiscovery(
            seeker.Host, seeker.World.Directory, seeker.Fetcher, new GatewayClient(new GatewayClientOptions { Gateways = [gateway.BaseAddress] }), seeker.Content, options, TimeProvider.System, NullLogger<RegistryPeerDiscovery>.Instance);

        var connected = await discovery.RunRoundAsync(CancellationToken.None);

        Assert.Equal(1, connected);
        Assert.True(seeker.Host.IsConnected(target.Host.LocalPeerId));
        Assert.NotNull(await seeker.Content.GetPinAsync(metadata.Cid));
    }

    public void Dispose() => _directory.Dispose();

    private Task<NodeNetworkStack> StartAsync(TestOperator identity, IReadOnlyList<LeaseEpoch> leases, params DePinGpu.Libp2p.Addressing.Multiaddr[] bootstrap)
    {
        var world = new GossipWorld();
        world.Register(_active);
        world.Register(_standby);
        world.Lease(7, _active, 0, _standby);
        return NodeNetworkStack.StartAsync(identity, world, new FixedGossipState(identity.Provider, leases, Capacity), _directory.Combine($"pins-{identity.Provider}.db"), bootstrap);
    }

    private static Block MetadataBlock(NodeNetworkStack node)
    {
        var json = $$"""{"schemaVersion":1,"apiUrl":"http://127.0.0.1:7101/","peerId":"{{node.Host.LocalPeerId}}","multiaddrs":["{{node.Host.ListenAddresses[0]}}"]}""";
        return Block.Create(MulticodecCode.Raw, Encoding.UTF8.GetBytes(json));
    }

    private static async Task<T> ReadAsync<T>(ChannelReader<T> reader, params NodeNetworkStack[] nodes)
    {
        try
        {
            return await reader.ReadAsync().AsTask().WaitAsync(Patience);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"No {typeof(T).Name} in {Patience}. Gossip logs:{Environment.NewLine}{string.Join(Environment.NewLine + "--" + Environment.NewLine, nodes.Select(node => node.GossipLog()))}", exception);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition was not met in time.");
            }

            await Task.Delay(20);
        }
    }
}
