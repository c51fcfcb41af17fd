using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Chain;

/// <summary>Log events of the chain reorg handling (ids 8961–8962; stable, documented for operators).</summary>
internal static partial class ChainLog
{
    [LoggerMessage(EventId = 8961, Level = LogLevel.Warning, Message = "The chain reorganised: blocks after {CanonicalBlock} (up to {ReachedBlock}) were replaced; read {Leases} leases back, {Moved} no longer this node's at their epoch were ended")]
    public static partial void LeasesReadBackAfterReorg(ILogger logger, ulong reachedBlock, ulong canonicalBlock, int leases, int moved);

    [LoggerMessage(EventId = 8962, Level = LogLevel.Warning, Message = "Reading the leases back after a reorg failed (attempt {Attempt}); trying again in {Delay}: {Problem}")]
    public static partial void ReadBackAfterReorgFailed(ILogger logger, int attempt, TimeSpan delay, string problem);
}
