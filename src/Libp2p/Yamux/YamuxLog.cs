using Microsoft.Extensions.Logging;

namespace DePinGpu.Libp2p.Yamux;

/// <summary>Yamux log messages with stable event ids (7100-7199).</summary>
internal static partial class YamuxLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Debug, Message = "Yamux session with {Remote} closed: {Reason}")]
    public static partial void SessionClosed(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Yamux session with {Remote} closed after a protocol violation: {Reason}")]
    public static partial void ProtocolViolation(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Yamux session with {Remote} closed: {Reason}")]
    public static partial void SessionAborted(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Debug, Message = "Yamux session with {Remote}: refused inbound stream {StreamId}: {Reason}")]
    public static partial void StreamRefused(ILogger logger, string remote, uint streamId, string reason);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Debug, Message = "Yamux session with {Remote}: ignored a {Type} frame for unknown stream {StreamId}")]
    public static partial void UnknownStream(ILogger logger, string remote, YamuxFrameType type, uint streamId);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Debug, Message = "Yamux session with {Remote}: remote sent GoAway code {Code}")]
    public static partial void RemoteGoAway(ILogger logger, string remote, uint code);
}
