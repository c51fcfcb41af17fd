using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Api;

/// <summary>Service proxy log events (ids 8860–8869; stable, documented for operators).</summary>
internal static partial class ServiceLog
{
    [LoggerMessage(EventId = 8860, Level = LogLevel.Information, Message = "Lease {LeaseId}: service address revealed to its tenant {Tenant}")]
    public static partial void AddressRevealed(ILogger logger, string leaseId, string tenant);

    [LoggerMessage(EventId = 8861, Level = LogLevel.Warning, Message = "Lease {LeaseId}: forwarding to the workload on port {Port} failed ({Error})")]
    public static partial void ForwardFailed(ILogger logger, string leaseId, int port, string error);
}
