using DePinGpu.Libp2p.PubSub;

namespace DePinGpu.Libp2p.Tests.PubSub;

public sealed class ValidatorTests
{
    private const string Topic = "depingpu/validated";

    [Theory]
    [InlineData(ValidationResult.Accept, 1, true)]
    [InlineData(ValidationResult.Ignore, 0, false)]
    [InlineData(ValidationResult.Reject, 0, false)]
    public async Task Verdict_DecidesDeliveryRelayAndPenalty(ValidationResult verdict, int expectedDeliveries, bool relayed)
    {
        using var network = new InMemoryPubSubNetwork();
        var publisher = network.AddNode(new GossipSubOptions { FloodPublish = false });
        var middle = network.AddNode();
        var end = network.AddNode();
        using var publisherSubscription = publisher.Router.Subscribe(Topic);
        using var middleSubscription = middle.Router.Subscribe(Topic);
        using var endSubscription = end.Router.Subscribe(Topic);
        middle.Router.RegisterValidator(Topic, (_, _) => ValueTask.FromResult(verdict));
        network.Connect(publisher, middle);
        network.Connect(middle, end);
        await network.DrainAsync();

        publisher.Router.Publish(Topic, [1]);
        await network.DrainAsync();

        Assert.Equal(expectedDeliveries, SimulatedNode.Received(middleSubscription).Count);
        Assert.Equal(relayed ? 1 : 0, SimulatedNode.Received(endSubscription).Count);
        var score = middle.Router.GetScore(publisher.PeerId);
        Assert.True(verdict == ValidationResult.Reject ? score < 0 : score >= 0, $"score {score}");
    }

    [Fact]
    public async Task SlowValidator_TimesOut_AndMessageIsIgnoredWithoutPenalty()
    {
        using var network = new InMemoryPubSubNetwork();
        var publisher = network.AddNode();
        var receiver = network.AddNode(new GossipSubOptions { ValidationTimeout = TimeSpan.FromMilliseconds(50) });
        using var subscription = receiver.Router.Subscribe(Topic);
        receiver.Router.RegisterValidator(Topic, async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return ValidationResult.Accept;
        });
        network.Connect(publisher, receiver);
        await network.DrainAsync();

        publisher.Router.Publish(Topic, [1]);
        await network.DrainAsync();

        Assert.Empty(SimulatedNode.Received(subscription));
        Assert.True(receiver.Router.GetScore(publisher.PeerId) >= 0);
    }

    [Fact]
    public async Task ThrowingValidator_IgnoresMessage()
    {
        using var network = new InMemoryPubSubNetwork();
        var publisher = network.AddNode();
        var receiver = network.AddNode();
        using var subscription = receiver.Router.Subscribe(Topic);
        receiver.Router.RegisterValidator(Topic, (_, _) => throw new InvalidOperationException("validator bug"));
        network.Connect(publisher, receiver);
        await network.DrainAsync();

        publisher.Router.Publish(Topic, [1]);
        await network.DrainAsync();

        Assert.Empty(SimulatedNode.Received(subscription));
        Assert.True(receiver.Router.GetScore(publisher.PeerId) >= 0);
    }
}
