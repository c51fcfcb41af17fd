using System.Numerics;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Replication;

/// <summary>Replication log events (ids 8720–8729, 8960 and 8963; stable, documented for operators).</summary>
internal static partial class ReplicationLog
{
    [LoggerMessage(EventId = 8720, Level = LogLevel.Information, Message = "Replicated checkpoint step {Step} of lease {LeaseId} epoch {Epoch} as standby: {Cid} ({Bytes} bytes fetched), pinned")]
    public static partial void Replicated(ILogger logger, BigInteger leaseId, uint epoch, ulong step, string cid, long bytes);

    [LoggerMessage(EventId = 8721, Level = LogLevel.Warning, Message = "Fetching checkpoint {Cid} of lease {LeaseId} failed (attempt {Attempt} of {Attempts}): {Reason}")]
    public static partial void AttemptFailed(ILogger logger, string cid, BigInteger leaseId, int attempt, int attempts, string reason);

    [LoggerMessage(EventId = 8722, Level = LogLevel.Error, Message = "Checkpoint {Cid} of lease {LeaseId} could not be replicated after {Attempts} attempts; it is not announced as held")]
    public static partial void GaveUp(ILogger logger, string cid, BigInteger leaseId, int attempts);

    [LoggerMessage(EventId = 8723, Level = LogLevel.Warning, Message = "Checkpoint {Cid} of lease {LeaseId} is {Bytes} bytes, over the limit of {Limit}; unpinned and not announced")]
    public static partial void TooLarge(ILogger logger, string cid, BigInteger leaseId, long bytes, long limit);

    [LoggerMessage(EventId = 8724, Level = LogLevel.Debug, Message = "Checkpoint {Cid} of lease {LeaseId} is not replicated: {Reason}")]
    public static partial void Skipped(ILogger logger, string cid, BigInteger leaseId, string reason);

    [LoggerMessage(EventId = 8725, Level = LogLevel.Information, Message = "Unpinned replica {Cid} of lease {LeaseId} (step {Step} epoch {Epoch}): {Reason}")]
    public static partial void Unpinned(ILogger logger, string cid, string leaseId, long step, long epoch, string reason);

    [LoggerMessage(EventId = 8726, Level = LogLevel.Warning, Message = "Checkpoint {Cid} of lease {LeaseId} is not replicated: this node has no content fetcher (no Bitswap or gateway client configured)")]
    public static partial void NoFetcher(ILogger logger, string cid, BigInteger leaseId);

    [LoggerMessage(EventId = 8960, Level = LogLevel.Warning, Message = "Checkpoint {Cid} of lease {LeaseId} (step {Step}) is given up after {Attempts} failed attempts: a newer checkpoint of the lease was announced meanwhile and is fetched instead")]
    public static partial void Superseded(ILogger logger, string cid, BigInteger leaseId, ulong step, int attempts);

    [LoggerMessage(EventId = 8963, Level = LogLevel.Information, Message = "The chain reorganised after block {CanonicalBlock}: the commits seen so far are forgotten and read again from the canonical chain")]
    public static partial void CommitsForgotten(ILogger logger, ulong canonicalBlock);
}
