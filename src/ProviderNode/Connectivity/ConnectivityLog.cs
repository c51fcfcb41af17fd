using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Connectivity;

/// <summary>Log messages of the chain connectivity subsystem, with stable event ids (8640–8659).</summary>
internal static partial class ConnectivityLog
{
    [LoggerMessage(EventId = 8640, Level = LogLevel.Warning, Message = "The chain cannot be reached through any RPC endpoint; workloads keep running and nothing is committed until it can: {Reason}")]
    public static partial void ChainLost(ILogger logger, string reason);

    [LoggerMessage(EventId = 8641, Level = LogLevel.Information, Message = "The chain answers again (last heartbeat mined at {LastMined:o}); active leases read back: {Leases}, moved away: {Moved}")]
    public static partial void ChainRegained(ILogger logger, DateTimeOffset lastMined, int leases, int moved);

    [LoggerMessage(EventId = 8642, Level = LogLevel.Debug, Message = "The chain still cannot be reached: {Reason}")]
    public static partial void StillLost(ILogger logger, string reason);

    [LoggerMessage(EventId = 8643, Level = LogLevel.Warning, Message = "Lease {LeaseId} epoch {Epoch} moved while the chain was out of reach (now {State}, epoch {ChainEpoch}, provider {Provider}); ending it")]
    public static partial void LeaseMovedWhileLost(ILogger logger, string leaseId, long epoch, string state, uint chainEpoch, string? provider);

    [LoggerMessage(EventId = 8644, Level = LogLevel.Warning, Message = "Stopping the workload of lease {LeaseId} (its spec says onChainLoss stop): no heartbeat mined since {LastMined:o}, timeout {Timeout}")]
    public static partial void StoppingForChainLoss(ILogger logger, string leaseId, DateTimeOffset lastMined, TimeSpan timeout);

    [LoggerMessage(EventId = 8645, Level = LogLevel.Information, Message = "Lease {LeaseId} is still ours after the chain came back; restarting its workload from the last committed checkpoint")]
    public static partial void ResumingAfterChainLoss(ILogger logger, string leaseId);

    [LoggerMessage(EventId = 8646, Level = LogLevel.Warning, Message = "{Call} for lease {LeaseId} epoch {Epoch} failed in transport (try {Attempt}); trying again in {Delay}: {Reason}")]
    public static partial void LeaseCallRetrying(ILogger logger, string call, string leaseId, ulong epoch, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 8647, Level = LogLevel.Information, Message = "{Call} for lease {LeaseId} epoch {Epoch} is not sent: the lease is no longer ours ({Reason})")]
    public static partial void LeaseCallAbandoned(ILogger logger, string call, string leaseId, ulong epoch, string reason);
}
