using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>The capacity board's log messages, with stable event ids (8940–8949).</summary>
internal static partial class CapacityBoardLog
{
    [LoggerMessage(8940, LogLevel.Debug, "Capacity of {Provider}: {GpuModel}, {FreeGpus} of {GpuCount} free, {PricePerGpuSecond} wei per GPU-second")]
    public static partial void Recorded(ILogger logger, string provider, string gpuModel, uint freeGpus, uint gpuCount, string pricePerGpuSecond);

    [LoggerMessage(8941, LogLevel.Warning, "The capacity board holds {MaxProviders} providers, its most; the one heard from longest ago was forgotten")]
    public static partial void Forgotten(ILogger logger, int maxProviders);
}
