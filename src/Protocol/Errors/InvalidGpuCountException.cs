namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>InvalidGpuCount(uint32 gpuCount, uint32 max)</c>.</summary>
public sealed class InvalidGpuCountException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public InvalidGpuCountException(string operation, uint gpuCount, uint max)
        : base("InvalidGpuCount", operation, $"a GPU count of {gpuCount} is not allowed (1..{max}); give the real number of GPUs.")
    {
        GpuCount = gpuCount;
        Max = max;
    }

    /// <summary>The error's <c>gpuCount</c>.</summary>
    public uint GpuCount { get; }

    /// <summary>The error's <c>max</c>.</summary>
    public uint Max { get; }
}
