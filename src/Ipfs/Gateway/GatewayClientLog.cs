using Microsoft.Extensions.Logging;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>Gateway client log events (ids 5420–5439; stable, documented for operators).</summary>
internal static partial class GatewayClientLog
{
    [LoggerMessage(EventId = 5420, Level = LogLevel.Information, Message = "Fetched DAG {Root}: {Fetched} blocks ({Bytes} bytes) downloaded, {Present} already stored")]
    public static partial void DagFetched(ILogger logger, string root, long fetched, long bytes, long present);

    [LoggerMessage(EventId = 5421, Level = LogLevel.Warning, Message = "Gateway attempt failed ({Kind}): {Message}")]
    public static partial void AttemptFailed(ILogger logger, GatewayFailureKind kind, string message);

    [LoggerMessage(EventId = 5422, Level = LogLevel.Information, Message = "CAR of {Root} from {Gateway} incomplete or failed; continuing block by block")]
    public static partial void CarFallback(ILogger logger, string root, string gateway);

    [LoggerMessage(EventId = 5423, Level = LogLevel.Error, Message = "Stored block {Cid} is corrupt; removing it and fetching it again")]
    public static partial void LocalCorruptBlock(ILogger logger, string cid);

    [LoggerMessage(EventId = 5424, Level = LogLevel.Debug, Message = "CAR of {Root} from {Gateway}: {Blocks} blocks stored")]
    public static partial void CarFetched(ILogger logger, string root, string gateway, long blocks);
}
