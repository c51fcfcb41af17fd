using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Drain;

/// <summary>Drain log events (ids 8600–8619; stable, documented for operators).</summary>
internal static partial class DrainLog
{
    [LoggerMessage(EventId = 8600, Level = LogLevel.Information, Message = "Drain asked for: bidding stops, {Leases} leases to bring to an end")]
    public static partial void Started(ILogger logger, int leases);

    [LoggerMessage(EventId = 8601, Level = LogLevel.Information, Message = "Drain of lease {LeaseId} epoch {Epoch}: {Stage}")]
    public static partial void LeaseProgressed(ILogger logger, string leaseId, long epoch, DrainStage stage);

    [LoggerMessage(EventId = 8602, Level = LogLevel.Warning, Message = "Drain of lease {LeaseId} epoch {Epoch} failed: {Problem}")]
    public static partial void LeaseFailed(ILogger logger, string leaseId, long epoch, string problem);

    [LoggerMessage(EventId = 8603, Level = LogLevel.Warning, Message = "No checkpoint of lease {LeaseId} was committed within {Wait} of the signal; releasing it from its last committed one")]
    public static partial void NoFreshCheckpoint(ILogger logger, string leaseId, TimeSpan wait);

    [LoggerMessage(EventId = 8604, Level = LogLevel.Information, Message = "Drain finished ({Released} released, {Ended} ended on their own, {Failed} failed); the daemon stops")]
    public static partial void Finished(ILogger logger, int released, int ended, int failed);
}
