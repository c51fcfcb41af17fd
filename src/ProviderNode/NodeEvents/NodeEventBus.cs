using System.Collections.Immutable;
using System.Threading.Channels;

namespace DePinGpu.ProviderNode.NodeEvents;

/// <summary>
/// The daemon's in-process event bus: every subscriber gets its own unbounded queue of the events of the types it
/// asked for, in publication order. Publishing never blocks, so a slow subsystem cannot stall the chain stream.
/// </summary>
public sealed class NodeEventBus
{
    private ImmutableList<Subscription> _subscriptions = [];

    /// <summary>A queue of every later event assignable to <typeparamref name="TEvent"/>.</summary>
    public ChannelReader<TEvent> Subscribe<TEvent>()
        where TEvent : INodeEvent
    {
        var channel = Channel.CreateUnbounded<TEvent>(new UnboundedChannelOptions { SingleReader = true });
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(new Subscription(
            typeof(TEvent),
            published => channel.Writer.TryWrite((TEvent)published))));
        return channel.Reader;
    }

    /// <summary>Hands <paramref name="published"/> to every subscriber of its type.</summary>
    public void Publish(INodeEvent published)
    {
        ArgumentNullException.ThrowIfNull(published);
        foreach (var subscription in _subscriptions)
        {
            if (subscription.EventType.IsInstanceOfType(published))
            {
                subscription.Deliver(published);
            }
        }
    }

    private sealed record Subscription(Type EventType, Func<INodeEvent, bool> Deliver);
}
