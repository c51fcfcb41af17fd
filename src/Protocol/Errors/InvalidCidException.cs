using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>InvalidCid(uint256 length, uint256 max)</c>.</summary>
public sealed class InvalidCidException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public InvalidCidException(string operation, BigInteger length, BigInteger max)
        : base("InvalidCid", operation, $"the CID is {length} bytes; it must be 1..{max} bytes of a binary CID.")
    {
        Length = length;
        Max = max;
    }

    /// <summary>The error's <c>length</c>.</summary>
    public BigInteger Length { get; }

    /// <summary>The error's <c>max</c>.</summary>
    public BigInteger Max { get; }
}
