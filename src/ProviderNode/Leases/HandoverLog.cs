using System.Numerics;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Leases;

/// <summary>Hand-over log events (ids 8770–8779; stable, documented for operators).</summary>
internal static partial class HandoverLog
{
    [LoggerMessage(EventId = 8770, Level = LogLevel.Information, Message = "Lease {LeaseId} epoch {Epoch} resumes from committed checkpoint step {Step} ({Cid}) in {Directory}")]
    public static partial void Resuming(ILogger logger, BigInteger leaseId, ulong epoch, ulong step, string cid, string directory);

    [LoggerMessage(EventId = 8771, Level = LogLevel.Error, Message = "Lease {LeaseId} epoch {Epoch} cannot resume from its committed checkpoint and starts afresh: {Problem}")]
    public static partial void ResumeFailed(ILogger logger, BigInteger leaseId, ulong epoch, string problem);

    [LoggerMessage(EventId = 8772, Level = LogLevel.Information, Message = "Lease {LeaseId} epoch {Epoch} has no committed checkpoint; the workload starts afresh")]
    public static partial void NothingToResume(ILogger logger, BigInteger leaseId, ulong epoch);

    [LoggerMessage(EventId = 8773, Level = LogLevel.Warning, Message = "Lease {LeaseId} epoch {Epoch} is not resumed after the restart: the chain says {Reason}")]
    public static partial void NotResumed(ILogger logger, string leaseId, long epoch, string reason);

    [LoggerMessage(EventId = 8774, Level = LogLevel.Error, Message = "Acknowledging lease {LeaseId} epoch {Epoch} failed while its workload started; the workload is killed")]
    public static partial void AcknowledgeFailed(ILogger logger, Exception exception, BigInteger leaseId, ulong epoch);

    [LoggerMessage(EventId = 8775, Level = LogLevel.Information, Message = "Lease {LeaseId} epoch {Epoch}: {Holders} standby(s) must hold each checkpoint before it is committed")]
    public static partial void CommitGate(ILogger logger, BigInteger leaseId, ulong epoch, int holders);

    [LoggerMessage(EventId = 8776, Level = LogLevel.Information, Message = "Offered to replace the provider of lease {LeaseId} at epoch {Epoch} for {PricePerSecond} per second")]
    public static partial void ReplacementOffered(ILogger logger, BigInteger leaseId, uint epoch, BigInteger pricePerSecond);

    [LoggerMessage(EventId = 8777, Level = LogLevel.Information, Message = "Not offering to replace the provider of lease {LeaseId}: {Reason}")]
    public static partial void ReplacementNotOffered(ILogger logger, BigInteger leaseId, string reason);

    [LoggerMessage(EventId = 8823, Level = LogLevel.Information, Message = "Lease {LeaseId} epoch {Epoch} resumes from the checkpoint prepared while its provider was silent: step {Step} ({Cid})")]
    public static partial void ResumingPrepared(ILogger logger, BigInteger leaseId, ulong epoch, long step, string cid);
}
