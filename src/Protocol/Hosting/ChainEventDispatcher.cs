using DePinGpu.Protocol.Events;

namespace DePinGpu.Protocol.Hosting;

/// <summary>
/// Hands each batch and rollback to every registered handler, in registration order. A handler that throws stops
/// the batch: the cursor is not advanced, so the batch — including for the handlers that already took it — is
/// delivered again. Handlers must therefore be idempotent (see <see cref="IChainEventHandler"/>).
/// </summary>
public sealed class ChainEventDispatcher : IChainEventHandler
{
    private readonly IChainEventHandler[] _handlers;

    /// <summary>Creates a dispatcher over <paramref name="handlers"/>.</summary>
    public ChainEventDispatcher(IEnumerable<IChainEventHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        _handlers = [.. handlers];
    }

    /// <summary>How many handlers receive the events.</summary>
    public int HandlerCount => _handlers.Length;

    /// <inheritdoc />
    public async Task HandleAsync(ChainEventBatch batch, CancellationToken cancellationToken)
    {
        foreach (var handler in _handlers)
        {
            await handler.HandleAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task RollbackAsync(ChainRollback rollback, CancellationToken cancellationToken)
    {
        foreach (var handler in _handlers)
        {
            await handler.RollbackAsync(rollback, cancellationToken).ConfigureAwait(false);
        }
    }
}
