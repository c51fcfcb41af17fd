using Microsoft.Extensions.Logging;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>Trustless gateway log events (ids 5400–5419; stable, documented for operators).</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 5400, Level = LogLevel.Information, Message = "Trustless gateway listening on {Address}")]
    public static partial void Started(ILogger logger, string address);

    [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "Trustless gateway on {Address} stopped")]
    public static partial void Stopped(ILogger logger, string address);

    [LoggerMessage(EventId = 5402, Level = LogLevel.Debug, Message = "{Method} {Path}: {StatusCode} {Format}")]
    public static partial void Served(ILogger logger, string method, string path, int statusCode, string format);

    [LoggerMessage(EventId = 5403, Level = LogLevel.Debug, Message = "{Method} {Path} refused with {StatusCode}: {Reason}")]
    public static partial void Refused(ILogger logger, string method, string path, int statusCode, string reason);

    [LoggerMessage(EventId = 5404, Level = LogLevel.Error, Message = "Not serving block {Cid}: the stored copy does not hash to its CID")]
    public static partial void CorruptBlock(ILogger logger, string cid);

    [LoggerMessage(EventId = 5405, Level = LogLevel.Warning, Message = "CAR of {Cid} cut short (connection aborted): {Reason}")]
    public static partial void CarAborted(ILogger logger, string cid, string reason);

    [LoggerMessage(EventId = 5406, Level = LogLevel.Warning, Message = "Refused a request: {Limit} concurrent requests are already being served")]
    public static partial void TooBusy(ILogger logger, int limit);

    [LoggerMessage(EventId = 5407, Level = LogLevel.Debug, Message = "CAR of {Cid} served: {Blocks} blocks, {Bytes} bytes")]
    public static partial void CarServed(ILogger logger, string cid, long blocks, long bytes);

    [LoggerMessage(EventId = 5408, Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, string path);
}
