using Microsoft.Extensions.Logging;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>Gateway log events for content paths, file bytes and ranges (ids 5420–5429; stable, documented for operators).</summary>
internal static partial class ResolvedContentLog
{
    [LoggerMessage(EventId = 5410, Level = LogLevel.Warning, Message = "File bytes of {Cid} cut short (connection aborted): {Reason}")]
    public static partial void FileAborted(ILogger logger, string cid, string reason);

    [LoggerMessage(EventId = 5411, Level = LogLevel.Debug, Message = "File bytes of {Cid} served: {Status}, {Bytes} bytes from offset {Offset}")]
    public static partial void FileServed(ILogger logger, string cid, int status, ulong bytes, ulong offset);
}
