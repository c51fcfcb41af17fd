namespace DePinGpu.ProviderNode.Inventory;

/// <summary>The GPUs read from nvidia-smi output, or why the output could not be read.</summary>
public sealed record NvidiaSmiParseResult(IReadOnlyList<GpuDevice> Gpus, string? Error)
{
    /// <summary>True when the output was read.</summary>
    public bool Succeeded => Error is null;
}
