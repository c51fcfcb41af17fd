using System.Numerics;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Verifier;

/// <summary>The verifier's log messages (event ids 8800–8819, 8925).</summary>
internal static partial class VerifierLog
{
    [LoggerMessage(EventId = 8800, Level = LogLevel.Information, Message = "Verifier started as {Account}; watching {Leases} leases read from the chain")]
    public static partial void Started(ILogger logger, string account, int leases);

    [LoggerMessage(EventId = 8801, Level = LogLevel.Information, Message = "Reported provider {Provider} for missed heartbeats on leases {LeaseIds} in {Transaction}; finder's fee {FinderFee} wei")]
    public static partial void Reported(ILogger logger, string provider, string leaseIds, string transaction, BigInteger finderFee);

    [LoggerMessage(EventId = 8802, Level = LogLevel.Information, Message = "Leases {LeaseIds} of provider {Provider} were already reported or changed state (another verifier was first)")]
    public static partial void ReportLost(ILogger logger, string provider, string leaseIds);

    [LoggerMessage(EventId = 8803, Level = LogLevel.Debug, Message = "Provider {Provider} is still live on-chain for leases {LeaseIds}; looking again at {RetryAt:O}")]
    public static partial void NotYet(ILogger logger, string provider, string leaseIds, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 8804, Level = LogLevel.Information, Message = "Closed reopened lease {LeaseId} past its offer deadline in {Transaction}")]
    public static partial void Closed(ILogger logger, BigInteger leaseId, string transaction);

    [LoggerMessage(EventId = 8805, Level = LogLevel.Debug, Message = "Lease {LeaseId} was closed by someone else or is not due ({Verdict})")]
    public static partial void CloseSkipped(ILogger logger, BigInteger leaseId, LeaseVerdict verdict);

    [LoggerMessage(EventId = 8806, Level = LogLevel.Debug, Message = "Reading the on-chain heartbeat of provider {Provider} (not known yet, or its gossip heartbeats went silent)")]
    public static partial void ReadingHeartbeat(ILogger logger, string provider);

    [LoggerMessage(EventId = 8925, Level = LogLevel.Information, Message = "The verifier never reports provider {Provider}: this node's operator key serves it")]
    public static partial void OwnProviderExcluded(ILogger logger, string provider);

    [LoggerMessage(EventId = 8807, Level = LogLevel.Warning, Message = "Verifier round could not reach the chain; trying again in {Delay}: {Reason}")]
    public static partial void RoundFailed(ILogger logger, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 8824, Level = LogLevel.Information, Message = "Reported lease {LeaseId}: its provider did not acknowledge it by the deadline (start timeout), in {Transaction}; finder's fee {FinderFee} wei")]
    public static partial void ReportedStartTimeout(ILogger logger, BigInteger leaseId, string transaction, BigInteger finderFee);
}
