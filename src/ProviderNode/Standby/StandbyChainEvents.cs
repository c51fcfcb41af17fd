using DePinGpu.ProviderNode.Chain;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Events.Market;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Standby;

/// <summary>
/// Turns the market events of standbys and hand-overs into node events: this provider named a standby
/// (<see cref="StandbyNamed"/>), released from a standby queue (<see cref="StandbyReleased"/>), a lease ended
/// (<see cref="LeaseEnded"/>) or reopened for replacement offers (<see cref="LeaseOpenForReplacement"/>). A standby
/// promoted to a lease needs nothing here: the market emits <c>LeaseAssigned</c> to the new holder at the new epoch in
/// the same transaction as <c>LeaseReassigned</c>, and <see cref="ChainEventTranslator"/> makes that a
/// <see cref="LeaseWon"/>. Events arrive at least once; every consumer is idempotent.
/// </summary>
public sealed class StandbyChainEvents : IChainEventHandler
{
    private readonly NodeEventBus _bus;
    private readonly ProviderAccount _account;
    private readonly ILogger<StandbyChainEvents> _logger;

    /// <summary>Creates the handler.</summary>
    public StandbyChainEvents(NodeEventBus bus, ProviderAccount account, ILogger<StandbyChainEvents> logger)
    {
        _bus = bus;
        _account = account;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task HandleAsync(ChainEventBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var owner = await _account.OwnerAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chainEvent in batch.Events)
        {
            if (Translate(chainEvent, owner) is { } nodeEvent)
            {
                StandbyLog.Translated(_logger, chainEvent.GetType().Name, chainEvent.BlockNumber, nodeEvent.GetType().Name);
                _bus.Publish(nodeEvent);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>Nothing to undo: a standby that prepared for a rolled-back order only fetched content, which GC reclaims once unpinned.</remarks>
    public Task RollbackAsync(ChainRollback rollback, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The node event for <paramref name="chainEvent"/> as seen by provider <paramref name="owner"/>; null when none.</summary>
    public static INodeEvent? Translate(ChainEvent chainEvent, string? owner) => chainEvent switch
    {
        OrderFinalized finalized when owner is not null && finalized.Standbys.Any(standby => Same(standby, owner))
            => new StandbyNamed(finalized.OrderId, finalized.FirstLeaseId, finalized.LeaseCount),
        StandbyDropped dropped when Same(dropped.Provider, owner) => new StandbyReleased(dropped.OrderId),
        StandbyLeft left when Same(left.Provider, owner) => new StandbyReleased(left.OrderId),
        OrderClosed closed => new StandbyReleased(closed.OrderId),
        LeaseClosed closed => new LeaseEnded(closed.LeaseId),
        LeaseCompleted completed => new LeaseEnded(completed.LeaseId),
        LeaseReopened reopened => new LeaseOpenForReplacement(reopened.LeaseId, reopened.OrderId, reopened.Epoch, reopened.OfferDeadline),
        _ => null,
    };

    private static bool Same(string provider, string? owner) =>
        owner is not null && string.Equals(provider, owner, StringComparison.OrdinalIgnoreCase);
}
