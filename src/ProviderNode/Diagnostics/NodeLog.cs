using System.Numerics;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Diagnostics;

/// <summary>The daemon's log messages, with stable event ids (2000–2099).</summary>
internal static partial class NodeLog
{
    [LoggerMessage(2000, LogLevel.Debug, "Chain event {ChainEvent} in block {Block} became {NodeEvent}")]
    public static partial void ChainEventTranslated(ILogger logger, string chainEvent, ulong block, string nodeEvent);

    [LoggerMessage(2001, LogLevel.Information, "Passing on order {OrderId}: {Reason}")]
    public static partial void OrderPassed(ILogger logger, BigInteger orderId, string reason);

    [LoggerMessage(2002, LogLevel.Information, "Offered for order {OrderId} at {PricePerSecond} per second")]
    public static partial void OfferPlaced(ILogger logger, BigInteger orderId, BigInteger pricePerSecond);

    [LoggerMessage(2003, LogLevel.Warning, "Could not offer for order {OrderId}: {Problem}")]
    public static partial void OfferFailed(ILogger logger, BigInteger orderId, string problem);

    [LoggerMessage(2010, LogLevel.Information, "Won lease {LeaseId} at epoch {Epoch}")]
    public static partial void LeaseWon(ILogger logger, string leaseId, long epoch);

    [LoggerMessage(2011, LogLevel.Information, "Resuming lease {LeaseId} at epoch {Epoch} from {Status} (workload re-attached: {Adopted})")]
    public static partial void LeaseResumed(ILogger logger, string leaseId, long epoch, string status, bool adopted);

    [LoggerMessage(2012, LogLevel.Information, "Acknowledged lease {LeaseId} at epoch {Epoch}")]
    public static partial void LeaseAcknowledged(ILogger logger, BigInteger leaseId, ulong epoch);

    [LoggerMessage(2013, LogLevel.Information, "Workload of lease {LeaseId} epoch {Epoch} started as {RuntimeId}")]
    public static partial void WorkloadStarted(ILogger logger, BigInteger leaseId, ulong epoch, string runtimeId);

    [LoggerMessage(2014, LogLevel.Warning, "Lease {LeaseId} moved away from epoch {Epoch}: its workload was killed")]
    public static partial void WorkloadKilled(ILogger logger, BigInteger leaseId, ulong epoch);

    [LoggerMessage(2015, LogLevel.Information, "Lease {LeaseId} epoch {Epoch} completed with result {ResultCid}")]
    public static partial void LeaseCompleted(ILogger logger, BigInteger leaseId, ulong epoch, string resultCid);

    [LoggerMessage(2016, LogLevel.Warning, "Releasing lease {LeaseId} epoch {Epoch}: {Problem}")]
    public static partial void LeaseReleasing(ILogger logger, BigInteger leaseId, ulong epoch, string problem);

    [LoggerMessage(2017, LogLevel.Error, "The run of lease {LeaseId} epoch {Epoch} failed")]
    public static partial void LeaseRunFailed(ILogger logger, Exception exception, BigInteger leaseId, ulong epoch);

    [LoggerMessage(2018, LogLevel.Information, "Lease {LeaseId} epoch {Epoch} is now {Status} ({Reason})")]
    public static partial void LeaseEnded(ILogger logger, string leaseId, long epoch, string status, string reason);

    [LoggerMessage(2020, LogLevel.Information, "Committed checkpoint step {Step} of lease {LeaseId}: {Cid}")]
    public static partial void CheckpointCommitted(ILogger logger, BigInteger leaseId, ulong step, string cid);

    [LoggerMessage(2021, LogLevel.Warning, "Checkpoint step {Step} of lease {LeaseId} is not committed: {Reason}")]
    public static partial void CheckpointNotCommitted(ILogger logger, BigInteger leaseId, ulong step, string reason);

    [LoggerMessage(2030, LogLevel.Debug, "Heartbeat sent: {TransactionHash}")]
    public static partial void HeartbeatSent(ILogger logger, string transactionHash);

    [LoggerMessage(2031, LogLevel.Warning, "Heartbeat round failed ({Failures} in a row); workloads keep running: {Problem}")]
    public static partial void HeartbeatFailed(ILogger logger, long failures, string problem);

    [LoggerMessage(2032, LogLevel.Warning, "No heartbeat: operator {Operator} is not registered yet (run depin-node register)")]
    public static partial void HeartbeatSkipped(ILogger logger, string @operator);
}
