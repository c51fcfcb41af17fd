namespace DePinGpu.Protocol.Events;

/// <summary>
/// Consumes a <see cref="ChainEventStream"/>. Delivery is at least once: the stream saves its cursor (in its own
/// LiteDB file, which it holds exclusively) after <see cref="HandleAsync"/> returns, so a handler that throws, or a
/// process that stops between the handler's work and that save, gets the same batch again. Make every handler
/// idempotent — key what it applies by <see cref="ChainEvent.TransactionHash"/> and <see cref="ChainEvent.LogIndex"/>,
/// or store <see cref="ChainEventBatch.Position"/> with its own state in one transaction and skip batches at or
/// before it.
/// </summary>
public interface IChainEventHandler
{
    /// <summary>Handles the events of one block range, in order.</summary>
    Task HandleAsync(ChainEventBatch batch, CancellationToken cancellationToken);

    /// <summary>Undoes everything derived from blocks after <see cref="ChainRollback.To"/>.</summary>
    Task RollbackAsync(ChainRollback rollback, CancellationToken cancellationToken);
}
