namespace DePinGpu.Protocol.Events;

/// <summary>Consumes a <see cref="ChainEventStream"/>. A batch counts as delivered once <see cref="HandleAsync"/> returns.</summary>
public interface IChainEventHandler
{
    /// <summary>Handles the events of one block range, in order.</summary>
    Task HandleAsync(ChainEventBatch batch, CancellationToken cancellationToken);

    /// <summary>Undoes everything derived from blocks after <see cref="ChainRollback.To"/>.</summary>
    Task RollbackAsync(ChainRollback rollback, CancellationToken cancellationToken);
}
