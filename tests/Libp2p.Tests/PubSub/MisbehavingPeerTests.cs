using DePinGpu.Libp2p.PubSub;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.Tests.PubSub;

public sealed class MisbehavingPeerTests
{
    private const string Topic = "depingpu/misbehaviour";

    [Fact]
    public async Task BadSignaturesUnsignedOversizedAndRejected_ArePenalisedThenGraylisted_WhileHonestTrafficFlows()
    {
        // A P4 weight of -6 (default -10) lets all four kinds of offence land before the graylist cuts the attacker off.
        using var network = new InMemoryPubSubNetwork();
        var defaults = new GossipSubOptions();
        var options = defaults with
        {
            Score = defaults.Score with { DefaultTopic = defaults.Score.DefaultTopic! with { InvalidMessageDeliveriesWeight = -6 } },
        };
        var honest = Enumerable.Range(0, 4).Select(_ => network.AddNode(options)).ToList();
        var attacker = network.AddNode();
        var subscriptions = honest.Select(node => node.Router.Subscribe(Topic)).ToList();
        foreach (var node in honest)
        {
            node.Router.RegisterValidator(Topic, (message, _) =>
                ValueTask.FromResult(message.Data.Span is [0xFF, ..] ? ValidationResult.Reject : ValidationResult.Accept));
        }

        using var attackerSubscription = attacker.Router.Subscribe(Topic);
        for (var index = 1; index < honest.Count; index++)
        {
            network.Connect(honest[index], honest[index - 1]);
        }

        network.Connect(attacker, honest[0]);
        await network.DrainAsync();
        await network.RunHeartbeatsAsync(2);
        var victim = honest[0].Router;
        var scores = new List<double> { victim.GetScore(attacker.PeerId) };
        var sequence = 100UL;

        RpcMessage Signed(byte[] data) => MessageSigning.CreateSigned(attacker.Key, Topic, data, sequence++);
        async Task SendAsync(RpcMessage message)
        {
            attacker.SendRaw(honest[0].PeerId, new Rpc { Messages = [message] });
            await network.DrainAsync();
            scores.Add(victim.GetScore(attacker.PeerId));
        }

        var good = Signed([1]);
        await SendAsync(new RpcMessage { From = good.From, Data = [2], SequenceNumber = good.SequenceNumber, Topic = Topic, Signature = good.Signature, Key = good.Key });
        await SendAsync(new RpcMessage { Data = [3], Topic = Topic });
        await SendAsync(Signed(new byte[(1024 * 1024) + 1]));
        await SendAsync(Signed([0xFF, 4]));

        Assert.True(scores.Zip(scores.Skip(1)).All(pair => pair.Second < pair.First), $"every offence must lower the score: {string.Join(", ", scores)}");
        Assert.True(victim.IsGraylisted(attacker.PeerId), $"score {scores[^1]} should be below the graylist threshold");
        Assert.All(subscriptions, subscription => Assert.Empty(SimulatedNode.Received(subscription)));

        // Once graylisted, even a valid message from the attacker is ignored ...
        attacker.SendRaw(honest[0].PeerId, new Rpc { Messages = [Signed([5])] });
        await network.DrainAsync();
        Assert.Empty(SimulatedNode.Received(subscriptions[0]));

        // ... while honest traffic keeps flowing end to end.
        var result = honest[3].Router.Publish(Topic, [6]);
        await network.DrainAsync();
        for (var index = 0; index < 3; index++)
        {
            Assert.Equal(result.Id, Assert.Single(SimulatedNode.Received(subscriptions[index])).Id);
        }

        await network.RunHeartbeatsAsync(1);
        Assert.DoesNotContain(attacker.PeerId, victim.GetMeshPeers(Topic));
    }

    [Fact]
    public async Task Graft_DuringBackoff_IsRefusedAndPenalised()
    {
        using var network = new InMemoryPubSubNetwork();
        var a = network.AddNode();
        var b = network.AddNode();
        using var subscriptionA = a.Router.Subscribe(Topic);
        using var subscriptionB = b.Router.Subscribe(Topic);
        network.Connect(a, b);
        await network.DrainAsync();

        b.SendRaw(a.PeerId, new Rpc { Control = new ControlMessage { Prune = [new ControlPrune(Topic, [], 60)] } });
        a.SendRaw(b.PeerId, new Rpc { Control = new ControlMessage { Prune = [new ControlPrune(Topic, [], 60)] } });
        await network.DrainAsync();
        Assert.Empty(a.Router.GetMeshPeers(Topic));
        Assert.Empty(b.Router.GetMeshPeers(Topic));

        b.SendRaw(a.PeerId, new Rpc { Control = new ControlMessage { Graft = [new ControlGraft(Topic)] } });
        await network.DrainAsync();

        Assert.Empty(a.Router.GetMeshPeers(Topic));
        Assert.True(a.Router.GetScore(b.PeerId) < 0);
    }

    [Fact]
    public async Task MalformedRpc_IsABehaviourPenalty()
    {
        using var network = new InMemoryPubSubNetwork();
        var a = network.AddNode();
        var b = network.AddNode();
        network.Connect(a, b);
        await network.DrainAsync();

        a.Router.ReportMalformedRpc(b.PeerId, "test");
        a.Router.ReportMalformedRpc(b.PeerId, "test");

        Assert.True(a.Router.GetScore(b.PeerId) < a.Router.Options.Thresholds.GossipThreshold);
    }
}
