using System.Numerics;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Leases;

/// <summary>Log events of a lease's start while its acknowledgement is pending (ids 8970–8979; stable, documented for operators).</summary>
internal static partial class LeaseStartLog
{
    [LoggerMessage(EventId = 8970, Level = LogLevel.Warning, Message = "Lease {LeaseId} epoch {Epoch} was not acknowledged ({Problem}); its workload, started while the acknowledgement was pending, is killed and nothing is sent for it")]
    public static partial void NotAcknowledged(ILogger logger, BigInteger leaseId, ulong epoch, string problem);

    [LoggerMessage(EventId = 8971, Level = LogLevel.Warning, Message = "Lease {LeaseId} epoch {Epoch}: the order's standbys could not be read (attempt {Attempt}); retrying in {Delay}")]
    public static partial void StandbysUnread(ILogger logger, Exception exception, BigInteger leaseId, ulong epoch, int attempt, TimeSpan delay);
}
