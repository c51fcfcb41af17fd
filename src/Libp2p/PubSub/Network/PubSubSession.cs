using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.PubSub.Network;

/// <summary>
/// One peer's pubsub plumbing: the outbox and its writer on our outbound stream, and the reader of the peer's
/// inbound stream (a newer inbound stream replaces the older one, as in js). Every loop is tracked and awaited.
/// </summary>
internal sealed class PubSubSession(PeerId peer, int outboxCapacity)
{
    private readonly Lock _gate = new();
    private readonly List<Task> _tasks = [];
    private CancellationTokenSource? _inboundCancellation;

    public PeerId Peer { get; } = peer;

    public PeerOutbox Outbox { get; } = new(outboxCapacity);

    public CancellationTokenSource Lifetime { get; } = new();

    /// <summary>Completes once the router knows the peer (our outbound stream is negotiated).</summary>
    public TaskCompletionSource<bool> Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Track(Task task)
    {
        lock (_gate)
        {
            _tasks.RemoveAll(existing => existing.IsCompleted);
            _tasks.Add(task);
        }
    }

    /// <summary>Cancels the previous inbound reader and returns the token for the new one.</summary>
    public CancellationToken ReplaceInbound()
    {
        lock (_gate)
        {
            _inboundCancellation?.Cancel();
            _inboundCancellation?.Dispose();
            _inboundCancellation = CancellationTokenSource.CreateLinkedTokenSource(Lifetime.Token);
            return _inboundCancellation.Token;
        }
    }

    public async Task CloseAsync()
    {
        Outbox.Complete();
        Ready.TrySetResult(false);
        await Lifetime.CancelAsync().ConfigureAwait(false);
        Task[] tasks;
        lock (_gate)
        {
            tasks = [.. _tasks];
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        lock (_gate)
        {
            _inboundCancellation?.Dispose();
            _inboundCancellation = null;
        }

        Lifetime.Dispose();
    }
}
