using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.PubSub.Routing;

/// <summary>Small constructors for the RPCs the router sends.</summary>
internal static class RpcBuilder
{
    public static Rpc Subscriptions(IEnumerable<string> topics, bool subscribe) =>
        new() { Subscriptions = topics.Select(topic => new SubscriptionOption(subscribe, topic)).ToList() };

    public static Rpc Message(RpcMessage message) => new() { Messages = [message] };

    public static Rpc Graft(IEnumerable<string> topics) =>
        new() { Control = new ControlMessage { Graft = topics.Select(topic => new ControlGraft(topic)).ToList() } };

    public static Rpc Control(
        IReadOnlyList<ControlGraft>? graft = null,
        IReadOnlyList<ControlPrune>? prune = null,
        IReadOnlyList<ControlIHave>? ihave = null,
        IReadOnlyList<ControlIWant>? iwant = null,
        IReadOnlyList<RpcMessage>? messages = null) =>
        new()
        {
            Messages = messages ?? [],
            Control = new ControlMessage { Graft = graft ?? [], Prune = prune ?? [], IHave = ihave ?? [], IWant = iwant ?? [] },
        };
}
