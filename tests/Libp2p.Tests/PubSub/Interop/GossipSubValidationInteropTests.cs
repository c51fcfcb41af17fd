using System.Text;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.Libp2p.PubSub.Routing;

namespace DePinGpu.Libp2p.Tests.PubSub.Interop;

/// <summary>
/// Validation over the real service, real TCP + Noise + Yamux, with js-libp2p peers publishing what must not pass: messages
/// our topic validator rejects and messages without the required signature. Line: js publisher — C# — js observer, so
/// anything the C# node forwards shows up at the observer.
/// </summary>
[Collection(JsInteropCollection.Name)]
public sealed class GossipSubValidationInteropTests
{
    private const string Topic = "depingpu/validated";

    [Fact]
    public async Task JsPublishingMessagesOurValidatorRejects_TheyAreNotDeliveredNorForwarded_AndThePublisherIsPenalised()
    {
        await using var publisher = await JsGossipPeer.StartAsync();
        await using var observer = await JsGossipPeer.StartAsync();
        await using var node = await GossipSubNode.StartAsync(new GossipSubServiceOptions { Router = InMemoryPubSubNetwork.LoopbackOptions() });
        var validated = 0;
        node.Service.RegisterValidator(Topic, (message, _) =>
        {
            Interlocked.Increment(ref validated);
            return ValueTask.FromResult(message.Data.Span.StartsWith("bad"u8) ? ValidationResult.Reject : ValidationResult.Accept);
        });
        using var subscription = node.Service.Subscribe(Topic);
        await ConnectLineAsync(publisher, node, observer);

        await publisher.PublishAsync(Topic, "bad: forged payment"u8.ToArray());
        await publisher.PublishAsync(Topic, "bad: second forgery"u8.ToArray());
        await publisher.PublishAsync(Topic, "good: real heartbeat"u8.ToArray());

        // One stream carries the three in order, so once the good one arrived the bad ones were judged.
        var atCSharp = await subscription.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        var atObserver = await observer.NextMessageAsync();
        Assert.Equal("good: real heartbeat", Encoding.UTF8.GetString(atCSharp.Data.Span));
        Assert.Equal("good: real heartbeat", Encoding.UTF8.GetString(atObserver.Data));
        Assert.Equal(3, Volatile.Read(ref validated));
        Assert.False(subscription.Reader.TryRead(out _));
        Assert.False(observer.TryTakeMessage(out _));
        Assert.True(node.Service.Router.GetScore(publisher.PeerId) < 0, $"score {node.Service.Router.GetScore(publisher.PeerId)}");
    }

    [Fact]
    public async Task JsPublishingUnsignedMessages_UnderStrictSign_TheyAreRejectedBeforeAnyValidator()
    {
        await using var publisher = await JsGossipPeer.StartAsync("nosign");
        await using var observer = await JsGossipPeer.StartAsync();
        await using var node = await GossipSubNode.StartAsync(new GossipSubServiceOptions { Router = InMemoryPubSubNetwork.LoopbackOptions() });
        var validated = 0;
        node.Service.RegisterValidator(Topic, (_, _) =>
        {
            Interlocked.Increment(ref validated);
            return ValueTask.FromResult(ValidationResult.Accept);
        });
        using var subscription = node.Service.Subscribe(Topic);
        await ConnectLineAsync(publisher, node, observer);

        await publisher.PublishAsync(Topic, "unsigned"u8.ToArray());

        // Nothing to wait for on the happy path: the sign of handling is the penalty the C# node records.
        await WaitUntilAsync(() => node.Service.Router.GetScore(publisher.PeerId) < 0, "the C# node penalises the unsigned message");
        Assert.Equal(0, Volatile.Read(ref validated));
        Assert.False(subscription.Reader.TryRead(out _));
        Assert.False(observer.TryTakeMessage(out _));
    }

    private static async Task ConnectLineAsync(JsGossipPeer publisher, GossipSubNode node, JsGossipPeer observer)
    {
        await publisher.SubscribeAsync(Topic);
        await observer.SubscribeAsync(Topic);
        await node.DialAsync(publisher.Address);
        await node.DialAsync(observer.Address);
        await WaitUntilAsync(() => node.Service.Router.GetMeshPeers(Topic).Count == 2, "the C# node meshes with both js peers");
        await WaitUntilAsync(async () => (await observer.MeshAsync(Topic)).Contains(node.PeerId.ToString()), "the observer meshes with the C# node");
        await WaitUntilAsync(async () => (await publisher.MeshAsync(Topic)).Contains(node.PeerId.ToString()), "the publisher meshes with the C# node");
    }

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
