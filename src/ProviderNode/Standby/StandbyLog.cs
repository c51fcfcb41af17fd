using System.Numerics;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Standby;

/// <summary>Standby log events (ids 8700–8719 and 8820–8833; stable, documented for operators).</summary>
internal static partial class StandbyLog
{
    [LoggerMessage(EventId = 8700, Level = LogLevel.Debug, Message = "Chain event {ChainEvent} (block {Block}) became {NodeEvent}")]
    public static partial void Translated(ILogger logger, string chainEvent, ulong block, string nodeEvent);

    [LoggerMessage(EventId = 8701, Level = LogLevel.Information, Message = "Named a standby of order {OrderId} (leases {FirstLeaseId} + {LeaseCount}); preparing")]
    public static partial void Named(ILogger logger, BigInteger orderId, BigInteger firstLeaseId, byte leaseCount);

    [LoggerMessage(EventId = 8702, Level = LogLevel.Information, Message = "Standby of order {OrderId} is prepared: spec, {Inputs} inputs and the image are present")]
    public static partial void Prepared(ILogger logger, BigInteger orderId, int inputs);

    [LoggerMessage(EventId = 8703, Level = LogLevel.Warning, Message = "Standby of order {OrderId} is not prepared: {Problem}")]
    public static partial void NotPrepared(ILogger logger, BigInteger orderId, string problem);

    [LoggerMessage(EventId = 8704, Level = LogLevel.Information, Message = "No longer a standby of order {OrderId} ({Why})")]
    public static partial void Released(ILogger logger, BigInteger orderId, string why);

    [LoggerMessage(EventId = 8705, Level = LogLevel.Warning, Message = "Preparing the standby of order {OrderId} failed; it is retried when the order is named again or the node restarts")]
    public static partial void PreparationFailed(ILogger logger, Exception exception, BigInteger orderId);

    [LoggerMessage(EventId = 8820, Level = LogLevel.Information, Message = "Active provider {Provider} of lease {LeaseId} silent on gossip for {Silence}: prepared the hand-over from replicated checkpoint step {Step} ({Cid})")]
    public static partial void PreparedForHandover(ILogger logger, BigInteger leaseId, string provider, TimeSpan silence, long step, string cid);

    [LoggerMessage(EventId = 8821, Level = LogLevel.Warning, Message = "Preparing the hand-over of lease {LeaseId} from checkpoint {Cid} failed; retried while its provider stays silent")]
    public static partial void PreparationForHandoverFailed(ILogger logger, Exception exception, BigInteger leaseId, string cid);

    [LoggerMessage(EventId = 8822, Level = LogLevel.Information, Message = "Discarded the prepared hand-over of lease {LeaseId}: {Why}")]
    public static partial void PreparedDiscarded(ILogger logger, BigInteger leaseId, string why);

    [LoggerMessage(EventId = 8828, Level = LogLevel.Information, Message = "Created the hand-over container {ContainerId} of lease {LeaseId} for epoch {Epoch} (not started)")]
    public static partial void ContainerPrepared(ILogger logger, BigInteger leaseId, ulong epoch, string containerId);

    [LoggerMessage(EventId = 8829, Level = LogLevel.Warning, Message = "Could not create the hand-over container of lease {LeaseId} ahead: {Reason}; the hand-over creates it")]
    public static partial void ContainerNotPrepared(ILogger logger, BigInteger leaseId, string reason);

    [LoggerMessage(EventId = 8830, Level = LogLevel.Information, Message = "Removed the hand-over container {ContainerId} of lease {LeaseId}: {Why}")]
    public static partial void ContainerRemoved(ILogger logger, BigInteger leaseId, string containerId, string why);

    [LoggerMessage(EventId = 8831, Level = LogLevel.Information, Message = "Kept the hand-over container {ContainerId} of lease {LeaseId} left by the previous run of the node: the lease is this node's at epoch {Epoch}")]
    public static partial void ContainerAdopted(ILogger logger, BigInteger leaseId, ulong epoch, string containerId);

    [LoggerMessage(EventId = 8833, Level = LogLevel.Information, Message = "Left the hand-over container {ContainerId} of lease {LeaseId} alone: it has started (the lease's workload) or is gone")]
    public static partial void ContainerLeftAlone(ILogger logger, BigInteger leaseId, string containerId);

    [LoggerMessage(EventId = 8832, Level = LogLevel.Warning, Message = "Tidying the hand-over containers failed; retried at the next check")]
    public static partial void ContainersNotTidied(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8834, Level = LogLevel.Warning, Message = "A reorg removed this node's promotion in order {OrderId}: the chain names it a standby again, and it replicates the order's checkpoints again")]
    public static partial void RestoredAfterReorg(ILogger logger, System.Numerics.BigInteger orderId);

    [LoggerMessage(EventId = 8835, Level = LogLevel.Warning, Message = "Reading the standby queues back after a reorg failed; asked again after the next one")]
    public static partial void RestoreFailed(ILogger logger, Exception exception);
}
