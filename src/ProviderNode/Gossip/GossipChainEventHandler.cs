using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Events.Market;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>
/// Keeps the validators' caches current from chain events: registry events update the <see cref="OperatorDirectory"/>;
/// a lease whose holder, epoch or standbys change is forgotten by the <see cref="LeaseParticipantsCache"/> so that it
/// is read again. Both are idempotent, so a batch delivered twice changes nothing more.
/// </summary>
public sealed class GossipChainEventHandler : IChainEventHandler
{
    private readonly OperatorDirectory _directory;
    private readonly LeaseParticipantsCache _leases;
    private readonly OperatorDirectoryService _snapshots;

    /// <summary>Creates the handler.</summary>
    public GossipChainEventHandler(OperatorDirectory directory, LeaseParticipantsCache leases, OperatorDirectoryService snapshots)
    {
        _directory = directory;
        _leases = leases;
        _snapshots = snapshots;
    }

    /// <inheritdoc />
    public Task HandleAsync(ChainEventBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var chainEvent in batch.Events)
        {
            _directory.Apply(chainEvent);
            switch (chainEvent)
            {
                case LeaseAssigned assigned:
                    _leases.Forget(assigned.LeaseId);
                    break;
                case LeaseReassigned reassigned:
                    _leases.Forget(reassigned.LeaseId);
                    break;
                case LeaseClosed closed:
                    _leases.Forget(closed.LeaseId);
                    break;
                case LeaseCompleted completed:
                    _leases.Forget(completed.LeaseId);
                    break;
                case LeaseReopened reopened:
                    _leases.Forget(reopened.LeaseId);
                    break;
                case StandbyDropped dropped:
                    _leases.Forget(dropped.LeaseId);
                    break;
                default:
                    break;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Events of the rolled-back blocks may have changed the directory and the leases' holders: the directory is read
    /// again from the registry, and every lease again from the market when a message next names it.
    /// </remarks>
    public Task RollbackAsync(ChainRollback rollback, CancellationToken cancellationToken)
    {
        _snapshots.RequestReload();
        _leases.Clear();
        return Task.CompletedTask;
    }
}
