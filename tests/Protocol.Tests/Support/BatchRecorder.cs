using DePinGpu.Protocol.Events;

namespace DePinGpu.Protocol.Tests.Support;

/// <summary>A handler that keeps every batch and rollback as delivered (with the batches' ranges and positions).</summary>
public sealed class BatchRecorder : IChainEventHandler
{
    private readonly Lock _gate = new();
    private readonly List<ChainEventBatch> _batches = [];
    private readonly List<ChainRollback> _rollbacks = [];

    /// <summary>Thrown from <see cref="HandleAsync"/> when set (a consumer that fails).</summary>
    public Exception? Failure { get; set; }

    public IReadOnlyList<ChainEventBatch> Batches { get { lock (_gate) { return [.. _batches]; } } }

    public IReadOnlyList<ChainRollback> Rollbacks { get { lock (_gate) { return [.. _rollbacks]; } } }

    /// <summary>The values of every event delivered, in delivery order (redeliveries included).</summary>
    public IReadOnlyList<long> Values() { lock (_gate) { return [.. _batches.SelectMany(b => b.Events).Cast<EmittedEvent>().Select(e => e.Value)]; } }

    public Task HandleAsync(ChainEventBatch batch, CancellationToken cancellationToken)
    {
        if (Failure is { } failure)
        {
            throw failure;
        }

        lock (_gate)
        {
            _batches.Add(batch);
        }

        return Task.CompletedTask;
    }

    public Task RollbackAsync(ChainRollback rollback, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _rollbacks.Add(rollback);
        }

        return Task.CompletedTask;
    }
}
