using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Execution;

/// <summary>Log events of containers created ahead of a start (ids 8826–8827; stable, documented for operators).</summary>
internal static partial class PreparedContainerLog
{
    [LoggerMessage(EventId = 8826, Level = LogLevel.Information, Message = "Created container {ContainerId} for {Lease} ahead of its start (not started)")]
    public static partial void Created(ILogger logger, string containerId, string lease);

    [LoggerMessage(EventId = 8827, Level = LogLevel.Information, Message = "Container {ContainerId} ({Name}) was created ahead but differs from what the start asks for; it is replaced")]
    public static partial void Replaced(ILogger logger, string containerId, string name);
}
