using Microsoft.Extensions.Logging;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>Host log messages with stable event ids (7000-7099).</summary>
internal static partial class HostLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "libp2p host {PeerId} listening on {Address}")]
    public static partial void Listening(ILogger logger, string peerId, string address);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "Connection {Direction} with {PeerId} at {Address} opened")]
    public static partial void ConnectionOpened(ILogger logger, ConnectionDirection direction, string peerId, string address);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "Connection with {PeerId} at {Address} closed: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, string peerId, string address, string reason);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Inbound connection from {Address} failed its handshake: {Reason}")]
    public static partial void InboundHandshakeFailed(ILogger logger, string address, string reason);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Refused connection from {Address}: {Reason}")]
    public static partial void ConnectionRefused(ILogger logger, string address, string reason);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Debug, Message = "Inbound stream from {PeerId} failed negotiation: {Reason}")]
    public static partial void StreamNegotiationFailed(ILogger logger, string peerId, string reason);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Handler for {Protocol} failed on a stream from {PeerId}")]
    public static partial void HandlerFailed(ILogger logger, string protocol, string peerId, Exception exception);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Debug, Message = "Identify with {PeerId} failed: {Reason}")]
    public static partial void IdentifyFailed(ILogger logger, string peerId, string reason);

    [LoggerMessage(EventId = 7013, Level = LogLevel.Information, Message = "Ignored the signed peer record {PeerId} sent in identify: {Reason}")]
    public static partial void PeerRecordRejected(ILogger logger, string peerId, string reason);

    [LoggerMessage(EventId = 7014, Level = LogLevel.Debug, Message = "Refused an inbound handshake from {Address}: {Reason}")]
    public static partial void HandshakeRefused(ILogger logger, string address, string reason);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Warning, Message = "An event subscriber threw while handling {Event}")]
    public static partial void EventHandlerFailed(ILogger logger, string @event, Exception exception);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Error, Message = "A background task of the libp2p host failed")]
    public static partial void BackgroundTaskFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Closing connection with {PeerId}: {Reason}")]
    public static partial void ClosingConnection(ILogger logger, string peerId, string reason);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "Shutdown: {Count} background tasks did not end within the grace period")]
    public static partial void ShutdownIncomplete(ILogger logger, int count);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Debug, Message = "Dial to {Address} failed: {Reason}")]
    public static partial void DialFailed(ILogger logger, string address, string reason);
}
