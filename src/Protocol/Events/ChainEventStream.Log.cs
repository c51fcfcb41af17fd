using Microsoft.Extensions.Logging;

namespace DePinGpu.Protocol.Events;

/// <summary>Log messages of <see cref="ChainEventStream"/> (event ids 1100–1119).</summary>
public sealed partial class ChainEventStream
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "Stream {Stream} delivered blocks {From}..{To}: {Count} events")]
    private static partial void LogDelivered(ILogger logger, string stream, ulong from, ulong to, int count);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Stream {Stream}: the chain RPC is unavailable, retrying with back-off: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string stream, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Stream {Stream}: the chain RPC is available again")]
    private static partial void LogAvailable(ILogger logger, string stream);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Stream {Stream}: reorg detected at block {Number} ({Hash}); rolling back to block {Ancestor} and replaying")]
    private static partial void LogReorg(ILogger logger, string stream, ulong number, string hash, ulong ancestor);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "Stream {Stream}: reorg deeper than the remembered history (oldest block {Oldest})")]
    private static partial void LogReorgTooDeep(ILogger logger, string stream, ulong oldest);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "Stream {Stream}: the node refused the log range; reading {Range} blocks per call now ({Reason})")]
    private static partial void LogRangeReduced(ILogger logger, string stream, uint range, string reason);
}
