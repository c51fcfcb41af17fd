using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Checkpoints;

/// <summary>Checkpoint watcher log events (ids 8200–8249 and 8954–8958; stable, documented for operators).</summary>
internal static partial class CheckpointLog
{
    [LoggerMessage(EventId = 8200, Level = LogLevel.Information, Message = "Checkpoint step {Step} of {Lease} imported as {Cid} ({Bytes} bytes, {Blocks} blocks) and pinned")]
    public static partial void Imported(ILogger logger, ulong step, string lease, string cid, ulong bytes, long blocks);

    [LoggerMessage(EventId = 8201, Level = LogLevel.Warning, Message = "Checkpoint step {Step} of {Lease} rejected ({Rejection}): {Reason}")]
    public static partial void Rejected(ILogger logger, ulong step, string lease, CheckpointRejection rejection, string reason);

    [LoggerMessage(EventId = 8202, Level = LogLevel.Warning, Message = "Scanning the checkpoints of {Lease} in {Directory} failed; retrying")]
    public static partial void ScanFailed(ILogger logger, Exception exception, string lease, string directory);

    [LoggerMessage(EventId = 8203, Level = LogLevel.Information, Message = "Watching {Directory} for the checkpoints of {Lease} (last committed step: {CommittedStep})")]
    public static partial void Watching(ILogger logger, string directory, string lease, string committedStep);

    [LoggerMessage(EventId = 8954, Level = LogLevel.Error, Message = "Checkpoint step {Step} of {Lease} could not be stored ({Problem}): nothing is pinned or committed until the content store takes a checkpoint again; retrying on every scan")]
    public static partial void StoreFailed(ILogger logger, Exception exception, ulong step, string lease, string problem);

    [LoggerMessage(EventId = 8955, Level = LogLevel.Warning, Message = "The content store takes checkpoints again (step {Step} of {Lease}); it had failed with: {Problem}")]
    public static partial void StoreRecovered(ILogger logger, ulong step, string lease, string problem);

    [LoggerMessage(EventId = 8956, Level = LogLevel.Warning, Message = "Reclaiming the blocks of the failed checkpoint import of {Lease} failed too ({Problem}); a later collection removes them")]
    public static partial void ReclaimFailed(ILogger logger, string lease, string problem);

    [LoggerMessage(EventId = 8957, Level = LogLevel.Warning, Message = "Unpinning checkpoint {Cid} of lease {LeaseId} failed ({Problem}); it stays pinned and is tried again after the next commit")]
    public static partial void UnpinFailed(ILogger logger, string cid, string leaseId, string problem);

    [LoggerMessage(EventId = 8958, Level = LogLevel.Error, Message = "Checkpoint step {Step} of lease {LeaseId} is committed on-chain, but the node could not record it locally; continuing from the chain's view")]
    public static partial void CommitNotRecorded(ILogger logger, Exception exception, ulong step, string leaseId);

    [LoggerMessage(EventId = 8204, Level = LogLevel.Information, Message = "Polling {Directory} for the checkpoints of {Lease} every {Interval} instead of relying on file-system notifications: {Reason}")]
    public static partial void PollingInstead(ILogger logger, string directory, string lease, TimeSpan interval, string reason);
}
