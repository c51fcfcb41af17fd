using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Events.Registry;

namespace DePinGpu.ProviderNode.Verifier;

/// <summary>
/// Passes the chain events that change who must heart-beat for which lease to the verifier as hints. Idempotent by
/// construction: a hint only makes the verifier re-read the lease or heartbeat from the chain.
/// </summary>
public sealed class VerifierChainEvents : IChainEventHandler
{
    private readonly VerifierInbox _inbox;

    /// <summary>Creates the handler.</summary>
    public VerifierChainEvents(VerifierInbox inbox) => _inbox = inbox;

    /// <inheritdoc />
    public Task HandleAsync(ChainEventBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var chainEvent in batch.Events)
        {
            switch (chainEvent)
            {
                case LeaseAssigned e: _inbox.LeaseChanged(e.LeaseId); break;
                case LeaseStarted e: _inbox.LeaseChanged(e.LeaseId); break;
                case LeaseReassigned e: _inbox.LeaseChanged(e.LeaseId); break;
                case LeaseReopened e: _inbox.LeaseChanged(e.LeaseId); break;
                case LeaseClosed e: _inbox.LeaseChanged(e.LeaseId); break;
                case LeaseCompleted e: _inbox.LeaseChanged(e.LeaseId); break;
                case HeartbeatRecorded e: _inbox.HeartbeatRecorded(e.Provider); break;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>Nothing is derived from the events themselves: the verifier re-reads the chain, so a rollback needs no undo.</remarks>
    public Task RollbackAsync(ChainRollback rollback, CancellationToken cancellationToken) => Task.CompletedTask;
}
