using System.Threading.Channels;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.ProviderNode.Gossip;

namespace DePinGpu.ProviderNode.Tests.Gossip;

/// <summary>Real GossipSub hosts over loopback TCP, in a line A – B – C, where B runs the heartbeat validator.</summary>
public sealed class GossipRelayTests
{
    private static readonly string Topic = new GossipTopics(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3").Name(GossipTopicKind.Heartbeats);

    [Fact]
    public async Task InvalidMessageFromA_IsRejectedByB_NeverReachesC_AndCostsAItsScore()
    {
        var world = new GossipWorld();
        var sender = world.Register();
        var victim = world.Register();
        var verdicts = Channel.CreateUnbounded<GossipVerdict>();
        await using var a = await GossipSubNode.StartAsync(key: sender.Key.ToLibp2pPrivateKey());
        await using var b = await GossipSubNode.StartAsync();
        await using var c = await GossipSubNode.StartAsync();
        b.Service.RegisterValidator(Topic, async (message, cancellationToken) =>
        {
            var verdict = await world.Validator.ValidateAsync(GossipTopicKind.Heartbeats, message, cancellationToken);
            verdicts.Writer.TryWrite(verdict);
            return verdict.Result;
        });
        using var atA = a.Service.Subscribe(Topic);
        using var atB = b.Service.Subscribe(Topic);
        using var atC = c.Service.Subscribe(Topic);
        await a.DialAsync(b.Address);
        await c.DialAsync(b.Address);
        await WaitUntilAsync(() => b.Service.Router.GetMeshPeers(Topic).Count == 2 && c.Service.Router.GetMeshPeers(Topic).Count == 1);

        var forged = GossipEncoder.Encode(new HeartbeatMessage(GossipWorld.Header(victim, 1), []));
        a.Service.Publish(Topic, forged);
        var refused = await verdicts.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        var genuine = GossipEncoder.Encode(new HeartbeatMessage(GossipWorld.Header(sender, 2), []));
        a.Service.Publish(Topic, genuine);
        var atCFirst = await atC.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ValidationResult.Reject, refused.Result);
        Assert.Equal(genuine, atCFirst.Data.ToArray());
        Assert.Equal(sender.PeerId, atCFirst.Author);
        Assert.False(atC.Reader.TryRead(out _));
        Assert.True(b.Service.Router.GetScore(a.PeerId) < 0, $"A's score at B is {b.Service.Router.GetScore(a.PeerId)}.");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The mesh did not form in 15 s.");
            }

            await Task.Delay(20);
        }
    }
}
