namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>InvalidVram(uint32 vramGb, uint32 max)</c>.</summary>
public sealed class InvalidVramException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public InvalidVramException(string operation, uint vramGb, uint max)
        : base("InvalidVram", operation, $"{vramGb} GB of VRAM per GPU is not allowed (1..{max}); give the real amount.")
    {
        VramGb = vramGb;
        Max = max;
    }

    /// <summary>The error's <c>vramGb</c>.</summary>
    public uint VramGb { get; }

    /// <summary>The error's <c>max</c>.</summary>
    public uint Max { get; }
}
