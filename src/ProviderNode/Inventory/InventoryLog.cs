using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Inventory;

/// <summary>Inventory log events (ids 8300–8319; stable, documented for operators).</summary>
internal static partial class InventoryLog
{
    [LoggerMessage(EventId = 8300, Level = LogLevel.Information, Message = "GPU inventory ({Source}): {Count} GPUs, {Models}")]
    public static partial void Read(ILogger logger, InventorySource source, int count, string models);

    [LoggerMessage(EventId = 8301, Level = LogLevel.Information, Message = "nvidia-smi is not installed ({Path}); offering the declared GPUs")]
    public static partial void NvidiaSmiAbsent(ILogger logger, string path);

    [LoggerMessage(EventId = 8302, Level = LogLevel.Warning, Message = "nvidia-smi failed: {Reason}")]
    public static partial void NvidiaSmiFailed(ILogger logger, string reason);
}
