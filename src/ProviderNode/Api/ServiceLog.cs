using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Api;

/// <summary>Service proxy log events (ids 8860–8869; stable, documented for operators).</summary>
internal static partial class ServiceLog
{
    [LoggerMessage(EventId = 8860, Level = LogLevel.Information, Message = "Lease {LeaseId}: service address revealed to its tenant {Tenant}")]
    public static partial void AddressRevealed(ILogger logger, string leaseId, string tenant);

    [LoggerMessage(EventId = 8861, Level = LogLevel.Warning, Message = "Lease {LeaseId}: forwarding to the workload on port {Port} failed ({Error})")]
    public static partial void ForwardFailed(ILogger logger, string leaseId, int port, string error);

    [LoggerMessage(EventId = 8862, Level = LogLevel.Warning, Message = "Lease {LeaseId}: the re-attached workload publishes no host port for its service port {Port}; it is not served")]
    public static partial void AdoptedNotPublished(ILogger logger, string leaseId, int port);

    [LoggerMessage(EventId = 8863, Level = LogLevel.Warning, Message = "Service address file {Path} is unreadable ({Problem}); a new address is made (the tenant's gateway asks for it again)")]
    public static partial void EndpointFileUnreadable(ILogger logger, string path, string problem);

    [LoggerMessage(EventId = 8864, Level = LogLevel.Information, Message = "No saved service address in {Directory} for a re-attached workload; it is served under a new secret")]
    public static partial void AdoptedWithNewSecret(ILogger logger, string directory);

    [LoggerMessage(EventId = 8865, Level = LogLevel.Information, Message = "Lease {LeaseId}: serving the re-attached workload's service again on port {Port}")]
    public static partial void AdoptedServed(ILogger logger, string leaseId, int port);

    [LoggerMessage(EventId = 8866, Level = LogLevel.Information, Message = "Lease {LeaseId}: a response under way when the lease left this node was cut (connection reset), not ended as complete")]
    public static partial void ForwardCutByLeaseEnd(ILogger logger, string leaseId);
}
