using Microsoft.Extensions.Logging;

namespace DePinGpu.Ipfs.Storage;

/// <summary>Pin, session and garbage-collection log events (ids 5100–5149).</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Pinned {Cid} ({Type}, name '{Name}')")]
    public static partial void Pinned(ILogger logger, string cid, Pins.PinType type, string name);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Unpinned {Cid} ({Type})")]
    public static partial void Unpinned(ILogger logger, string cid, Pins.PinType type);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Garbage collection removed {Removed} blocks ({Bytes} bytes), kept {Kept} pinned and {Held} session-held blocks in {Milliseconds} ms")]
    public static partial void Collected(ILogger logger, long removed, long bytes, long kept, long held, long milliseconds);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Pinned DAG {Root} is missing block {Cid}; fetch it again to repair the pin")]
    public static partial void PinnedBlockMissing(ILogger logger, string root, string cid);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Debug, Message = "Import session {Session} opened")]
    public static partial void SessionOpened(ILogger logger, long session);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Debug, Message = "Import session {Session} closed, releasing {Blocks} blocks")]
    public static partial void SessionClosed(ILogger logger, long session, int blocks);
}
