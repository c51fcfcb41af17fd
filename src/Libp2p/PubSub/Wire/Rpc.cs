namespace DePinGpu.Libp2p.PubSub.Wire;

/// <summary>
/// One pubsub <c>RPC</c> frame as exchanged on <c>/meshsub/1.x</c> and <c>/floodsub/1.0.0</c> streams:
/// subscription changes, published messages and (gossipsub only) control messages.
/// </summary>
public sealed class Rpc
{
    /// <summary>Subscription changes (field 1).</summary>
    public IReadOnlyList<SubscriptionOption> Subscriptions { get; init; } = [];

    /// <summary>Published or forwarded messages (field 2).</summary>
    public IReadOnlyList<RpcMessage> Messages { get; init; } = [];

    /// <summary>Gossipsub control messages (field 3); null when absent.</summary>
    public ControlMessage? Control { get; init; }

    /// <summary>
    /// The encoded frame, kept once computed: a forwarded message goes to several peers in the same RPC object, and
    /// encoding it once saves work per extra peer. RPCs are not modified after they are queued.
    /// </summary>
    internal byte[]? CachedFrame { get; set; }

    /// <summary>True when the RPC carries nothing at all.</summary>
    public bool IsEmpty => Subscriptions.Count == 0 && Messages.Count == 0 && (Control is null || Control.IsEmpty);
}
