namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>NotEnoughGpus(address provider, uint32 gpuCount, uint16 required)</c>.</summary>
public sealed class NotEnoughGpusException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public NotEnoughGpusException(string operation, string provider, uint gpuCount, ushort required)
        : base("NotEnoughGpus", operation, $"provider {provider} has {gpuCount} GPUs but the order needs {required} per replica; offer on smaller orders.")
    {
        Provider = provider;
        GpuCount = gpuCount;
        Required = required;
    }

    /// <summary>The error's <c>provider</c>.</summary>
    public string Provider { get; }

    /// <summary>The error's <c>gpuCount</c>.</summary>
    public uint GpuCount { get; }

    /// <summary>The error's <c>required</c>.</summary>
    public ushort Required { get; }
}
