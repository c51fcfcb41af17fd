namespace DePinGpu.ProviderNode.Inventory;

/// <summary>One GPU the node can rent out.</summary>
/// <param name="Index">Its index (nvidia-smi's, or the declaration order).</param>
/// <param name="Model">The model as the driver names it (for example "NVIDIA H200").</param>
/// <param name="MemoryMebibytes">Its memory in MiB.</param>
/// <param name="Uuid">The driver's UUID; null when not reported (or declared).</param>
/// <param name="DriverVersion">The driver version; null when not reported (or declared).</param>
public sealed record GpuDevice(int Index, string Model, long MemoryMebibytes, string? Uuid, string? DriverVersion)
{
    /// <summary>Memory in whole GB as the registry counts it (rounded down, 1 GB = 1000³ bytes).</summary>
    public long MemoryGigabytes => MemoryMebibytes * 1024 * 1024 / 1_000_000_000;
}
