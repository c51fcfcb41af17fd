using Microsoft.Extensions.Logging;

namespace DePinGpu.Ipfs.UnixFs;

/// <summary>UnixFS import and export log events (ids 5200–5249).</summary>
internal static partial class ImportLog
{
    [LoggerMessage(EventId = 5200, Level = LogLevel.Information, Message = "Imported {Path} as {Cid}: {ContentSize} bytes, {BlockCount} blocks in {Milliseconds} ms")]
    public static partial void Imported(ILogger logger, string path, string cid, ulong contentSize, long blockCount, long milliseconds);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Skipped symbolic link {Path} (symlink policy Skip)")]
    public static partial void SymlinkSkipped(ILogger logger, string path);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Debug, Message = "Skipped hidden entry {Path}")]
    public static partial void HiddenSkipped(ILogger logger, string path);

    [LoggerMessage(EventId = 5210, Level = LogLevel.Information, Message = "Exported {Cid} to {Path}: {ContentSize} bytes in {Milliseconds} ms")]
    public static partial void Exported(ILogger logger, string cid, string path, ulong contentSize, long milliseconds);

    [LoggerMessage(EventId = 5211, Level = LogLevel.Information, Message = "Skipped symbolic link {Path} while exporting (symlink policy Skip)")]
    public static partial void ExportSymlinkSkipped(ILogger logger, string path);
}
