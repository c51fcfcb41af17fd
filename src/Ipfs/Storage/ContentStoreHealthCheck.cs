using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DePinGpu.Ipfs.Storage;

/// <summary>
/// Health of the content store: writing a probe block (the empty raw block, through an import session so garbage
/// collection may drop it later) and counting usage must succeed; a full or read-only disk, or a closed store, makes
/// the check unhealthy with the fault. Healthy reports carry the blocks and bytes stored.
/// </summary>
public sealed class ContentStoreHealthCheck(ContentStore store) : IHealthCheck
{
    /// <summary>The name <c>AddContentStore</c> registers the check under.</summary>
    public const string Name = "content-store";

    private static readonly Block Probe = Block.Create(MulticodecCode.Raw, ReadOnlyMemory<byte>.Empty);

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var session = store.BeginSession();
            await using (session.ConfigureAwait(false))
            {
                await session.PutAsync(Probe, cancellationToken).ConfigureAwait(false);
            }

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
