namespace DePinGpu.Protocol.JobSpecs;

/// <summary>What one replica of a workload may use on the provider's machine.</summary>
/// <param name="Gpus">GPUs handed to the workload (0 for CPU-only work).</param>
/// <param name="Cpus">CPU cores as a fraction (null: no limit).</param>
/// <param name="MemoryMebibytes">Memory limit in MiB (null: no limit).</param>
public sealed record ResourceRequest(int Gpus, double? Cpus, long? MemoryMebibytes)
{
    /// <summary>No GPUs and no limits.</summary>
    public static ResourceRequest None { get; } = new(0, null, null);
}
