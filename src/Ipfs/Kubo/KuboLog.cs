using Microsoft.Extensions.Logging;

namespace DePinGpu.Ipfs.Kubo;

/// <summary>Kubo RPC client log events (ids 5440–5459; stable, documented for operators).</summary>
internal static partial class KuboLog
{
    [LoggerMessage(EventId = 5440, Level = LogLevel.Debug, Message = "Kubo {Command} answered {StatusCode}")]
    public static partial void Answered(ILogger logger, string command, int statusCode);

    [LoggerMessage(EventId = 5441, Level = LogLevel.Warning, Message = "Kubo {Command} failed: {Message}")]
    public static partial void Failed(ILogger logger, string command, string message);

    [LoggerMessage(EventId = 5442, Level = LogLevel.Information, Message = "Kubo added {Count} entries; root {Name} = {Cid}")]
    public static partial void Added(ILogger logger, int count, string name, string cid);
}
