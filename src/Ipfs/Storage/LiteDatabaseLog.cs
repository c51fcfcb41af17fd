using Microsoft.Extensions.Logging;

namespace DePinGpu.Ipfs.Storage;

/// <summary>Log events of <see cref="RecoverableLiteDatabase"/> (ids 8948–8953; stable, documented for operators).</summary>
internal static partial class LiteDatabaseLog
{
    [LoggerMessage(EventId = 8950, Level = LogLevel.Error, Message = "The database {Path} failed (a full disk?); its change was not stored, and the file is opened again on next use")]
    public static partial void Failed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 8951, Level = LogLevel.Warning, Message = "The database {Path} is open again after a failure ({Problem})")]
    public static partial void Reopened(ILogger logger, string path, string problem);

    [LoggerMessage(EventId = 8952, Level = LogLevel.Warning, Message = "Closing the failed database {Path} failed too: {Problem}")]
    public static partial void CloseFailed(ILogger logger, string path, string problem);

    [LoggerMessage(EventId = 8953, Level = LogLevel.Warning, Message = "Cut {Bytes} bytes of a page written short by a failed write off the end of {File}")]
    public static partial void PartialPageTrimmed(ILogger logger, string file, long bytes);

    [LoggerMessage(EventId = 8948, Level = LogLevel.Debug, Message = "Disarmed {Count} transactions the failed database {Path} left open (their finalizers would end the process)")]
    public static partial void TransactionsDisarmed(ILogger logger, string path, int count);

    [LoggerMessage(EventId = 8949, Level = LogLevel.Critical, Message = "Could not reach the transactions the failed database {Path} left open: this LiteDB is not the version the node was built for, and one of them may end the process when the GC finalizes it")]
    public static partial void TransactionsNotDisarmed(ILogger logger, string path);
}
