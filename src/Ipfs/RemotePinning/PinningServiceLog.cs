using Microsoft.Extensions.Logging;

namespace DePinGpu.Ipfs.RemotePinning;

/// <summary>Pinning service client log events (ids 5460–5479; stable, documented for operators). The token is never logged.</summary>
internal static partial class PinningServiceLog
{
    [LoggerMessage(EventId = 5460, Level = LogLevel.Information, Message = "Pin request {RequestId} for {Cid}: {Status}")]
    public static partial void StatusSeen(ILogger logger, string requestId, string cid, RemotePinState status);

    [LoggerMessage(EventId = 5461, Level = LogLevel.Warning, Message = "Polling pin request {RequestId} failed, retrying: {Reason}")]
    public static partial void PollFailed(ILogger logger, string requestId, string reason);

    [LoggerMessage(EventId = 5462, Level = LogLevel.Warning, Message = "Pinning service {Operation} failed with {StatusCode}: {Reason}")]
    public static partial void RequestFailed(ILogger logger, string operation, int statusCode, string reason);
}
