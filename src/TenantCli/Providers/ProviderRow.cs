using System.Numerics;

namespace DePinGpu.TenantCli.Providers;

/// <summary>
/// What a filter can see of a provider: the registry's fields, and from the capacity gossip (as the configured nodes
/// heard it) its price in tokens per GPU-hour and how many seconds ago it was last heard; both null when no node has.
/// </summary>
internal sealed record ProviderRow(string Owner, string GpuModel, uint GpuCount, uint VramGb, BigInteger StakeWei, bool Jailed, bool Live, decimal? PricePerGpuHour = null, decimal? SeenSecondsAgo = null);
