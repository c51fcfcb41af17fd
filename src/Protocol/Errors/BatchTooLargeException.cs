using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>BatchTooLarge(uint256 length, uint256 max)</c>.</summary>
public sealed class BatchTooLargeException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public BatchTooLargeException(string operation, BigInteger length, BigInteger max)
        : base("BatchTooLarge", operation, $"the batch has {length} entries but at most {max} are allowed; split it into smaller batches.")
    {
        Length = length;
        Max = max;
    }

    /// <summary>The error's <c>length</c>.</summary>
    public BigInteger Length { get; }

    /// <summary>The error's <c>max</c>.</summary>
    public BigInteger Max { get; }
}
