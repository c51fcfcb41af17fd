namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>NotEnoughVram(address provider, uint32 vramGb, uint32 required)</c>.</summary>
public sealed class NotEnoughVramException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public NotEnoughVramException(string operation, string provider, uint vramGb, uint required)
        : base("NotEnoughVram", operation, $"provider {provider} has {vramGb} GB of VRAM per GPU but the order needs {required}; offer on orders that fit.")
    {
        Provider = provider;
        VramGb = vramGb;
        Required = required;
    }

    /// <summary>The error's <c>provider</c>.</summary>
    public string Provider { get; }

    /// <summary>The error's <c>vramGb</c>.</summary>
    public uint VramGb { get; }

    /// <summary>The error's <c>required</c>.</summary>
    public uint Required { get; }
}
