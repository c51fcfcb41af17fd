using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.Libp2p.PubSub.Routing;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.Tests.PubSub;

/// <summary>
/// The router's cheap checks before any crypto (topic, size, rate), driven by hand: each check alone decides, because
/// the RPC decoder's own limits are far above the ones set here.
/// </summary>
public sealed class GossipSubRouterAdmissionTests
{
    private const string Topic = "depingpu/admission";

    private static readonly PrivateKey Author = TestKeys.FromIndex(9);

    [Fact]
    public async Task MessageExactlyAtTheRoutersSizeLimit_IsDelivered_AndOneByteOver_IsRefusedAndPenalised()
    {
        var atLimit = MessageSigning.CreateSigned(Author, Topic, new byte[100], 1);
        var limit = RpcEncoder.MessageSize(atLimit);
        var over = MessageSigning.CreateSigned(Author, Topic, new byte[101], 2);
        Assert.Equal(limit + 1, RpcEncoder.MessageSize(over));
        using var harness = new RouterHarness(new GossipSubOptions { MaxMessageSize = limit });
        using var subscription = harness.Router.Subscribe(Topic);
        var sender = harness.Connect(1);

        await harness.SendMessageAsync(sender, atLimit);
        Assert.Equal(harness.IdOf(atLimit), Assert.Single(SimulatedNode.Received(subscription)).Id);
        var scoreBefore = harness.Router.GetScore(sender);

        await harness.SendMessageAsync(sender, over);
        Assert.Empty(SimulatedNode.Received(subscription));
        Assert.True(harness.Router.GetScore(sender) < scoreBefore, "an oversized message is an invalid delivery (P4)");
    }

    [Fact]
    public async Task PeerThatExhaustsItsMessageBudget_HasTheRestIgnoredWithoutPenalty_UntilTheBudgetRefills()
    {
        var limit = new PeerRateLimit { MessagesPerSecond = 1, MessageBurst = 3 };
        using var harness = new RouterHarness(new GossipSubOptions { RateLimit = limit });
        using var subscription = harness.Router.Subscribe(Topic);
        var sender = harness.Connect(1);
        var messages = Enumerable.Range(1, 4).Select(sequence => MessageSigning.CreateSigned(Author, Topic, [(byte)sequence], (ulong)sequence)).ToList();

        foreach (var message in messages)
        {
            await harness.SendMessageAsync(sender, message);
        }

        Assert.Equal(messages.Take(3).Select(harness.IdOf), SimulatedNode.Received(subscription).Select(message => message.Id));
        var scoreAfterThree = harness.Router.GetScore(sender);

        // A refused message was not marked seen: once a token is back, the same message gets through.
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.SendMessageAsync(sender, messages[3]);
        Assert.Equal(harness.IdOf(messages[3]), Assert.Single(SimulatedNode.Received(subscription)).Id);
        Assert.True(harness.Router.GetScore(sender) >= scoreAfterThree, "being rate limited is not an offence");
    }

    [Fact]
    public async Task PeerThatExhaustsOnlyItsByteBudget_HasTheNextMessageIgnored()
    {
        var messages = Enumerable.Range(1, 3).Select(sequence => MessageSigning.CreateSigned(Author, Topic, new byte[100], (ulong)sequence)).ToList();
        var size = RpcEncoder.MessageSize(messages[0]);

        // Room for two and a half messages; the message budget stays at its (large) default.
        var limit = new PeerRateLimit { BytesPerSecond = 1, ByteBurst = (2 * size) + (size / 2) };
        using var harness = new RouterHarness(new GossipSubOptions { RateLimit = limit });
        using var subscription = harness.Router.Subscribe(Topic);
        var sender = harness.Connect(1);

        foreach (var message in messages)
        {
            await harness.SendMessageAsync(sender, message);
        }

        Assert.Equal(messages.Take(2).Select(harness.IdOf), SimulatedNode.Received(subscription).Select(message => message.Id));
    }

    [Fact]
    public async Task KnownPeersMessage_OnATopicWeDoNotTakePartIn_IsNeitherCachedNorScored()
    {
        const string foreign = "depingpu/not-ours";
        using var harness = new RouterHarness();
        using var subscription = harness.Router.Subscribe(Topic);
        var sender = harness.Connect(1);
        var asker = harness.Connect(2);
        await harness.SubscribeAsync(asker, foreign);
        var ours = MessageSigning.CreateSigned(Author, Topic, [1], 1);
        var theirs = MessageSigning.CreateSigned(Author, foreign, [2], 2);

        await harness.SendMessageAsync(sender, theirs);
        Assert.Equal(0, harness.Router.GetScore(sender));
        Assert.DoesNotContain(harness.SentTo(sender).Concat(harness.SentTo(asker)), rpc => rpc.Messages.Count > 0);
        Assert.False(await harness.AnswersIWantAsync(asker, harness.IdOf(theirs)), "a foreign-topic message must not be cached (nor served to IWANT)");

        // The same probes see a message on our topic: the foreign one was not missed for want of looking.
        await harness.SendMessageAsync(sender, ours);
        Assert.True(harness.Router.GetScore(sender) > 0, "a first delivery on a scored topic earns P2");
        Assert.True(await harness.AnswersIWantAsync(asker, harness.IdOf(ours)));
        Assert.Single(SimulatedNode.Received(subscription));
    }
}
