using System.Numerics;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>What a provider offers, on the <c>capacity</c> topic (periodically and when it changes).</summary>
/// <param name="Header">Provider, sequence, time.</param>
/// <param name="GpuModel">The GPU model (at most <see cref="GossipLimits.MaxGpuModelBytes"/> UTF-8 bytes).</param>
/// <param name="GpuCount">GPUs the node rents out (at most <see cref="GossipLimits.MaxGpuCount"/>).</param>
/// <param name="FreeGpus">GPUs not running a lease now (at most <paramref name="GpuCount"/>).</param>
/// <param name="VramGb">VRAM per GPU, GB.</param>
/// <param name="PricePerGpuSecond">Asking price per GPU and second, in stake-token wei (a uint256).</param>
public sealed record CapacityMessage(GossipHeader Header, string GpuModel, uint GpuCount, uint FreeGpus, uint VramGb, BigInteger PricePerGpuSecond);
