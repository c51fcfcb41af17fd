using System.Threading.Channels;

namespace DePinGpu.Libp2p.PubSub;

/// <summary>
/// A local subscription to one topic: an async stream of accepted messages. Disposing it unsubscribes (the node
/// leaves the topic when its last subscription goes). If the reader falls behind by more than the buffer capacity
/// the oldest messages are dropped and counted in <see cref="DroppedCount"/>.
/// </summary>
public sealed class PubSubSubscription : IDisposable
{
    private readonly Channel<PubSubMessage> _channel;
    private readonly Action<PubSubSubscription> _onDispose;
    private long _dropped;
    private int _disposed;

    internal PubSubSubscription(string topic, int capacity, Action<PubSubSubscription> onDispose)
    {
        Topic = topic;
        _onDispose = onDispose;
        _channel = Channel.CreateBounded<PubSubMessage>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = false, SingleWriter = false },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>The topic.</summary>
    public string Topic { get; }

    /// <summary>Messages dropped because the reader was too slow.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>The message channel; completes when the subscription is disposed or the router stops.</summary>
    public ChannelReader<PubSubMessage> Reader => _channel.Reader;

    /// <summary>Reads messages until disposal, router shutdown or cancellation.</summary>
    public IAsyncEnumerable<PubSubMessage> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _channel.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Unsubscribes and completes the stream.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _onDispose(this);
            Complete();
        }
    }

    internal void Deliver(PubSubMessage message) => _channel.Writer.TryWrite(message);

    internal void Complete() => _channel.Writer.TryComplete();
}
