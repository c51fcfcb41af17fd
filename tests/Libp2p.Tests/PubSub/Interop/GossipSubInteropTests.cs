using DePinGpu.Libp2p.PubSub;
using DePinGpu.Libp2p.PubSub.Routing;

namespace DePinGpu.Libp2p.Tests.PubSub.Interop;

/// <summary>Interop with js-libp2p <c>@libp2p/gossipsub</c> 17 over real TCP + Noise + Yamux on loopback.</summary>
[Collection(JsInteropCollection.Name)]
public sealed class GossipSubInteropTests
{
    private const string Topic = "depingpu/interop";

    [Theory]
    [InlineData("all", PubSubProtocols.GossipSubV12)]
    [InlineData("1.1", PubSubProtocols.GossipSubV11)]
    [InlineData("floodsub", PubSubProtocols.FloodSub)]
    public async Task CSharpAndJs_ExchangeSignedMessagesBothWays(string jsMode, string expectedProtocol)
    {
        await using var js = await JsGossipPeer.StartAsync(jsMode);
        await using var node = await StartLoopbackNodeAsync();
        using var subscription = node.Service.Subscribe(Topic);
        await js.SubscribeAsync(Topic);

        await node.DialAsync(js.Address);
        await WaitUntilAsync(() => node.Service.Router.GetTopicPeers(Topic).Contains(js.PeerId), "C# sees the js subscription");
        Assert.Equal(expectedProtocol, node.Service.Router.GetPeerProtocol(js.PeerId));
        await WaitUntilAsync(async () => (await js.CommandAsync($"subscribers {Topic}")).Contains(node.PeerId.ToString(), StringComparison.Ordinal), "js sees the C# subscription");
        if (jsMode != "floodsub")
        {
            await WaitUntilAsync(async () => (await js.MeshAsync(Topic)).Contains(node.PeerId.ToString()), "js grafts the C# node");
            await WaitUntilAsync(() => node.Service.Router.GetMeshPeers(Topic).Contains(js.PeerId), "C# grafts the js node");
        }

        var published = node.Service.Publish(Topic, "from C#"u8);
        var atJs = await js.NextMessageAsync();
        Assert.Equal("from C#"u8.ToArray(), atJs.Data);
        Assert.Equal(node.PeerId.ToString(), atJs.From);
        Assert.Equal(Convert.ToHexStringLower(published.Id.Bytes.ToArray()[^8..]), atJs.SequenceNumberHex);

        await js.PublishAsync(Topic, "from js"u8.ToArray());
        var atCSharp = await subscription.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("from js"u8.ToArray(), atCSharp.Data.ToArray());
        Assert.Equal(js.PeerId, atCSharp.Author);
    }

    [Fact]
    public async Task MixedLineOfThreeCSharpAndThreeJs_DeliversEveryMessageToEveryNodeExactlyOnce()
    {
        var csharp = new List<GossipSubNode>();
        var js = new List<JsGossipPeer>();
        try
        {
            for (var index = 0; index < 3; index++)
            {
                csharp.Add(await StartLoopbackNodeAsync());
                js.Add(await JsGossipPeer.StartAsync());
            }

            var subscriptions = csharp.Select(node => node.Service.Subscribe(Topic)).ToList();
            foreach (var peer in js)
            {
                await peer.SubscribeAsync(Topic);
            }

            // Line: C0 - C1 - C2 - J0 - J1 - J2, each connected to its neighbours only.
            await csharp[1].DialAsync(csharp[0].Address);
            await csharp[2].DialAsync(csharp[1].Address);
            await csharp[2].DialAsync(js[0].Address);
            await js[1].DialAsync(js[0].Address);
            await js[2].DialAsync(js[1].Address);
            await WaitUntilAsync(() => csharp[2].Service.Router.GetMeshPeers(Topic).Count == 2, "C2 meshes with C1 and J0");
            await WaitUntilAsync(async () => (await js[1].MeshAsync(Topic)).Count == 2, "J1 meshes with J0 and J2");
            await WaitUntilAsync(async () => (await js[0].MeshAsync(Topic)).Count == 2, "J0 meshes with C2 and J1");
            await WaitUntilAsync(() => csharp[1].Service.Router.GetMeshPeers(Topic).Count == 2, "C1 meshes with C0 and C2");

            var fromCSharpEnd = csharp[0].Service.Publish(Topic, "left end"u8);
            await js[2].PublishAsync(Topic, "right end"u8.ToArray());
            await Task.Delay(TimeSpan.FromSeconds(3));

            var expected = new[] { "left end", "right end" };
            for (var index = 0; index < 3; index++)
            {
                var received = SimulatedNode.Received(subscriptions[index]).Select(message => System.Text.Encoding.UTF8.GetString(message.Data.Span)).Order().ToList();
                Assert.Equal(index == 0 ? ["right end"] : expected, received);
            }

            for (var index = 0; index < 3; index++)
            {
                var received = new List<string>();
                while (js[index].TryTakeMessage(out var message))
                {
                    received.Add(System.Text.Encoding.UTF8.GetString(message.Data));
                }

                Assert.Equal(index == 2 ? ["left end"] : expected, received.Order().ToList());
            }

            Assert.NotEqual(default, fromCSharpEnd.Id);
        }
        finally
        {
            foreach (var peer in js)
            {
                await peer.DisposeAsync();
            }

            foreach (var node in csharp)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static Task<GossipSubNode> StartLoopbackNodeAsync() =>
        GossipSubNode.StartAsync(new GossipSubServiceOptions { Router = InMemoryPubSubNetwork.LoopbackOptions() });

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(50);
        }
    }
}
