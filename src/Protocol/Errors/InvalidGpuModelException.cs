using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>InvalidGpuModel(uint256 length, uint256 max)</c>.</summary>
public sealed class InvalidGpuModelException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public InvalidGpuModelException(string operation, BigInteger length, BigInteger max)
        : base("InvalidGpuModel", operation, $"the GPU model name is {length} bytes; it must be at most {max}.")
    {
        Length = length;
        Max = max;
    }

    /// <summary>The error's <c>length</c>.</summary>
    public BigInteger Length { get; }

    /// <summary>The error's <c>max</c>.</summary>
    public BigInteger Max { get; }
}
