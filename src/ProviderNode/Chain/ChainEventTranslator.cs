using DePinGpu.ProviderNode.Diagnostics;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Chain;

/// <summary>
/// Turns the market's events into node events. Events arrive at least once, so a batch may be translated twice:
/// every consumer of these node events is idempotent (the lease state machine ignores a transition it already made).
/// Events of an operator that is not registered yet are about other providers and are only passed on when they
/// concern orders.
/// </summary>
public sealed class ChainEventTranslator : IChainEventHandler
{
    private readonly NodeEventBus _bus;
    private readonly ProviderAccount _account;
    private readonly ILogger<ChainEventTranslator> _logger;

    /// <summary>Creates the translator.</summary>
    public ChainEventTranslator(NodeEventBus bus, ProviderAccount account, ILogger<ChainEventTranslator> logger)
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
                NodeLog.ChainEventTranslated(_logger, chainEvent.GetType().Name, chainEvent.BlockNumber, nodeEvent.GetType().Name);
                _bus.Publish(nodeEvent);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Leases are fenced by (lease id, epoch) on-chain: a call made for an event that was rolled back reverts. A workload
    /// started on a rolled-back event (a standby promoted by a report the reorg removed) would still run, so the rollback
    /// is published and <see cref="ChainRollbackReconciler"/> reads the leases back and ends those the chain no longer gives us.
    /// </remarks>
    public Task RollbackAsync(ChainRollback rollback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollback);
        _bus.Publish(new ChainRolledBack(rollback.From.Number, rollback.To.Number));
        return Task.CompletedTask;
    }

    /// <summary>The node event for <paramref name="chainEvent"/> as seen by provider <paramref name="owner"/>; null when none.</summary>
    public static INodeEvent? Translate(ChainEvent chainEvent, string? owner) => chainEvent switch
    {
        OrderCreated created => new OrderOpened(created.OrderId, created.SpecCid, created.BidDeadline),
        OrderFinalized finalized => new OrderEnded(finalized.OrderId),
        OrderCancelled cancelled => new OrderEnded(cancelled.OrderId),
        OrderClosed closed => new OrderEnded(closed.OrderId),
        LeaseAssigned assigned when Mine(assigned.Provider, owner) => new LeaseWon(assigned.LeaseId, assigned.OrderId, assigned.Epoch, assigned.AckDeadline),
        LeaseReassigned moved when Mine(moved.PreviousProvider, owner) => new LeaseMovedAway(moved.LeaseId, moved.NewEpoch - 1, moved.Reason),
        LeaseClosed closed when Mine(closed.Provider, owner) => new LeaseMovedAway(closed.LeaseId, closed.Epoch, closed.Reason),
        LeaseCompleted completed when Mine(completed.Provider, owner) => new LeaseMovedAway(completed.LeaseId, completed.Epoch, LeaseReason.Completed),
        CheckpointCommitted committed when committed.Cid is not null => new CheckpointMined(committed.LeaseId, committed.Epoch, committed.Step, committed.Cid),
        _ => null,
    };

    private static bool Mine(string provider, string? owner) =>
        owner is not null && string.Equals(provider, owner, StringComparison.OrdinalIgnoreCase);
}
