using Microsoft.Extensions.Logging;

namespace DePinGpu.Ipfs.Blocks;

/// <summary>Block store log events (ids 5000–5049; stable, documented for operators).</summary>
internal static partial class BlockStoreLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Block store opened at {RootPath}: {BlockCount} blocks, {TotalBytes} bytes, fsync {Fsync}")]
    public static partial void Opened(ILogger logger, string rootPath, long blockCount, long totalBytes, FsyncPolicy fsync);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "The previous run stopped with unflushed blocks; re-hashing blocks written since {Since:O}")]
    public static partial void RecoveryStarted(ILogger logger, DateTime since);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Recovery checked {Checked} blocks and removed {Removed} corrupt ones")]
    public static partial void RecoveryFinished(ILogger logger, long @checked, long removed);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Block {Cid} is corrupt on disk and was removed; it must be fetched again")]
    public static partial void CorruptBlockRemoved(ILogger logger, string cid);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Removed {Count} temporary files left by an interrupted write")]
    public static partial void TemporaryFilesRemoved(ILogger logger, int count);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Ignoring {Path}: not a block file of this store")]
    public static partial void UnrecognizedFile(ILogger logger, string path);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Debug, Message = "Block store flushed in {Milliseconds} ms")]
    public static partial void Flushed(ILogger logger, long milliseconds);
}
