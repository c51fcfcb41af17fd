using System.Numerics;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>What this node offers now (the body of its <c>capacity</c> message).</summary>
/// <param name="GpuModel">The GPU model.</param>
/// <param name="GpuCount">GPUs rented out.</param>
/// <param name="FreeGpus">GPUs not running a lease.</param>
/// <param name="VramGb">VRAM per GPU, GB.</param>
/// <param name="PricePerGpuSecond">Price per GPU and second, stake-token wei.</param>
public sealed record LocalCapacity(string GpuModel, uint GpuCount, uint FreeGpus, uint VramGb, BigInteger PricePerGpuSecond);
