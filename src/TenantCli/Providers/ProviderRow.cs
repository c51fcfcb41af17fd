using System.Numerics;

namespace DePinGpu.TenantCli.Providers;

/// <summary>What a filter can see of a provider (from the registry).</summary>
internal sealed record ProviderRow(string Owner, string GpuModel, uint GpuCount, uint VramGb, BigInteger StakeWei, bool Jailed, bool Live);
