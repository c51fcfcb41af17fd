using System.Collections.Concurrent;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.Libp2p.PubSub.Routing;

namespace DePinGpu.Libp2p.Tests.PubSub.Network;

public sealed class GossipSubServiceTests
{
    private const string Topic = "depingpu/service";

    [Fact]
    public async Task ThreeServicesInALine_DeliverEachMessageOnceOverStreams()
    {
        var directory = new ConcurrentDictionary<PeerId, MemoryPubSubHost>();
        var nodes = new[] { await CreateNodeAsync(directory, 0), await CreateNodeAsync(directory, 1), await CreateNodeAsync(directory, 2) }.ToList();
        try
        {
            var subscriptions = nodes.Select(node => node.Service.Subscribe(Topic)).ToList();
            MemoryPubSubHost.Connect(nodes[0].Host, nodes[1].Host);
            MemoryPubSubHost.Connect(nodes[1].Host, nodes[2].Host);
            await WaitUntilAsync(() => nodes[1].Service.Router.GetMeshPeers(Topic).Count == 2 && nodes[0].Service.Router.GetMeshPeers(Topic).Count == 1 && nodes[2].Service.Router.GetMeshPeers(Topic).Count == 1, () => string.Join(" / ", nodes.Select(node => $"peers {node.Service.Router.GetPeers().Count} topic {node.Service.Router.GetTopicPeers(Topic).Count} mesh {node.Service.Router.GetMeshPeers(Topic).Count}")));

            var first = nodes[0].Service.Publish(Topic, "from the left"u8);
            var second = nodes[2].Service.Publish(Topic, "from the right"u8);

            Assert.Equal(first.Id, (await ReadAsync(subscriptions[2])).Id);
            Assert.Equal(second.Id, (await ReadAsync(subscriptions[0])).Id);
            var middle = new[] { await ReadAsync(subscriptions[1]), await ReadAsync(subscriptions[1]) }.Select(message => message.Id).ToHashSet();
            Assert.Equal([first.Id, second.Id], middle.OrderBy(id => id.ToString()));
            await Task.Delay(200);
            Assert.All(subscriptions, subscription => Assert.False(subscription.Reader.TryRead(out _)));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.Service.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Disconnect_RemovesPeer_AndReconnectRestoresDelivery()
    {
        var directory = new ConcurrentDictionary<PeerId, MemoryPubSubHost>();
        var a = await CreateNodeAsync(directory, 0);
        var b = await CreateNodeAsync(directory, 1);
        try
        {
            using var subscription = b.Service.Subscribe(Topic);
            using var own = a.Service.Subscribe(Topic);
            MemoryPubSubHost.Connect(a.Host, b.Host);
            await WaitUntilAsync(() => a.Service.Router.GetMeshPeers(Topic).Count == 1);

            MemoryPubSubHost.Disconnect(a.Host, b.Host);
            await WaitUntilAsync(() => a.Service.Router.GetPeers().Count == 0 && b.Service.Router.GetPeers().Count == 0);
            MemoryPubSubHost.Connect(b.Host, a.Host);
            await WaitUntilAsync(() => a.Service.Router.GetMeshPeers(Topic).Count == 1);
            var result = a.Service.Publish(Topic, [1]);

            Assert.Equal(result.Id, (await ReadAsync(subscription)).Id);
        }
        finally
        {
            await a.Service.DisposeAsync();
            await b.Service.DisposeAsync();
        }
    }

    [Fact]
    public async Task Dispose_WhileAStreamIsOpening_AndTheConnectionClosesUnderIt_DoesNotThrow()
    {
        var key = TestKeys.FromIndex(0);
        var host = new ClosingConnectionPubSubHost(key.PeerId);
        var service = new GossipSubService(host, key, new GossipSubServiceOptions());
        await service.StartAsync(CancellationToken.None);
        host.Connect(TestKeys.FromIndex(1).PeerId);
        await host.Opening.WaitAsync(TimeSpan.FromSeconds(10));

        await service.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static async Task<(MemoryPubSubHost Host, GossipSubService Service)> CreateNodeAsync(ConcurrentDictionary<PeerId, MemoryPubSubHost> directory, int index)
    {
        var key = TestKeys.FromIndex(index);
        var host = new MemoryPubSubHost(key.PeerId, directory);
        directory[key.PeerId] = host;
        var options = new GossipSubServiceOptions { Router = InMemoryPubSubNetwork.LoopbackOptions(new GossipSubOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(200) }) };
        var service = new GossipSubService(host, key, options);
        await service.StartAsync(CancellationToken.None);
        return (host, service);
    }

    private static async Task<PubSubMessage> ReadAsync(PubSubSubscription subscription) =>
        await subscription.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met in 10 s. {describe?.Invoke()}");
            }

            await Task.Delay(10);
        }
    }
}
