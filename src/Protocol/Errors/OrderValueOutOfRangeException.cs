using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>OrderValueOutOfRange(bytes32 field, uint256 value, uint256 min, uint256 max)</c>.</summary>
public sealed class OrderValueOutOfRangeException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public OrderValueOutOfRangeException(string operation, string field, BigInteger value, BigInteger min, BigInteger max)
        : base("OrderValueOutOfRange", operation, $"the order's {field} is {value} but must be between {min} and {max}; fix the order request.")
    {
        Field = field;
        Value = value;
        Min = min;
        Max = max;
    }

    /// <summary>The error's <c>field</c>.</summary>
    public string Field { get; }

    /// <summary>The error's <c>value</c>.</summary>
    public BigInteger Value { get; }

    /// <summary>The error's <c>min</c>.</summary>
    public BigInteger Min { get; }

    /// <summary>The error's <c>max</c>.</summary>
    public BigInteger Max { get; }
}
