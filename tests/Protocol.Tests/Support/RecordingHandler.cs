using DePinGpu.Protocol.Events;

namespace DePinGpu.Protocol.Tests.Support;

/// <summary>Keeps what a stream delivered: the live view (after rollbacks) and every delivery ever made.</summary>
public sealed class RecordingHandler : IChainEventHandler
{
    private readonly Lock _gate = new();
    private readonly List<ChainEvent> _live = [];
    private readonly List<ChainEvent> _deliveries = [];
    private readonly List<ChainRollback> _rollbacks = [];

    /// <summary>Throw on the batch with this ordinal (1-based), once, to simulate a consumer crash.</summary>
    public int FailOnBatch { get; set; }

    private int _batches;

    public IReadOnlyList<ChainEvent> Live { get { lock (_gate) { return [.. _live]; } } }

    public IReadOnlyList<ChainEvent> Deliveries { get { lock (_gate) { return [.. _deliveries]; } } }

    public IReadOnlyList<ChainRollback> Rollbacks { get { lock (_gate) { return [.. _rollbacks]; } } }

    public Task HandleAsync(ChainEventBatch batch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (++_batches == FailOnBatch)
            {
                throw new InvalidOperationException("simulated consumer crash");
            }

            _live.AddRange(batch.Events);
            _deliveries.AddRange(batch.Events);
        }

        return Task.CompletedTask;
    }

    public Task RollbackAsync(ChainRollback rollback, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _rollbacks.Add(rollback);
            _live.RemoveAll(e => e.BlockNumber > rollback.To.Number);
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<long> LiveValues() => Live.Cast<EmittedEvent>().Select(e => e.Value).ToArray();
}
