using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Initialization;

/// <summary>Initialization log events (ids 8500–8509). The password never appears in any of them.</summary>
internal static partial class InitializationLog
{
    [LoggerMessage(EventId = 8500, Level = LogLevel.Information, Message = "Initialized {Directory}: operator {Address}, peer id {PeerId}")]
    public static partial void Initialized(ILogger logger, string directory, string address, string peerId);

    [LoggerMessage(EventId = 8501, Level = LogLevel.Warning, Message = "Not initializing {Directory}: {Reason}")]
    public static partial void Refused(ILogger logger, string directory, string reason);
}
