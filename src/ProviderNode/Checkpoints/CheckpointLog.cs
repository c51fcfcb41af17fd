using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Checkpoints;

/// <summary>Checkpoint watcher log events (ids 8200–8249; stable, documented for operators).</summary>
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
}
