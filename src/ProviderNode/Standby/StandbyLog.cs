using System.Numerics;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Standby;

/// <summary>Standby log events (ids 8700–8719; stable, documented for operators).</summary>
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
}
