using DePinGpu.Libp2p.Multiformats;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DePinGpu.Ipfs.Storage;

/// <summary>
/// Health of the content store: a lookup and the usage count must answer (a failing disk or a removed folder makes them
/// throw), reported with the blocks and bytes stored; unhealthy with the fault otherwise.
/// </summary>
public sealed class ContentStoreHealthCheck(ContentStore store) : IHealthCheck
{
    /// <summary>The name <c>AddContentStore</c> registers the check under.</summary>
    public const string Name = "content-store";

    // Any CID does for the probe; the empty raw block's is fixed and rarely stored.
    private static readonly Cid Probe = Cid.ForBlock(MulticodecCode.Raw, []);

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.Blocks.HasAsync(Probe, cancellationToken).ConfigureAwait(false);
            var usage = store.Blocks.GetUsage();
            var data = new Dictionary<string, object> { ["blocks"] = usage.BlockCount, ["bytes"] = usage.TotalBytes, ["importSessions"] = store.OpenSessionCount };
            return HealthCheckResult.Healthy($"{usage.BlockCount} blocks, {usage.TotalBytes} bytes.", data);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            return HealthCheckResult.Unhealthy("The content store does not answer.", exception);
        }
    }
}
