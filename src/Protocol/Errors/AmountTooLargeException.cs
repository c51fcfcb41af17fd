using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>AmountTooLarge(uint256 amount, uint256 max)</c>.</summary>
public sealed class AmountTooLargeException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public AmountTooLargeException(string operation, BigInteger amount, BigInteger max)
        : base("AmountTooLarge", operation, $"the amount {amount} exceeds the maximum {max}; use a smaller amount.")
    {
        Amount = amount;
        Max = max;
    }

    /// <summary>The error's <c>amount</c>.</summary>
    public BigInteger Amount { get; }

    /// <summary>The error's <c>max</c>.</summary>
    public BigInteger Max { get; }
}
