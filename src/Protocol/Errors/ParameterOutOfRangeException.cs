using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ParameterOutOfRange(bytes32 name, uint256 value, uint256 min, uint256 max)</c>.</summary>
public sealed class ParameterOutOfRangeException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ParameterOutOfRangeException(string operation, string name, BigInteger value, BigInteger min, BigInteger max)
        : base("ParameterOutOfRange", operation, $"{name} = {value} is outside the allowed range {min}..{max}; choose a value within it.")
    {
        Name = name;
        Value = value;
        Min = min;
        Max = max;
    }

    /// <summary>The error's <c>name</c>.</summary>
    public string Name { get; }

    /// <summary>The error's <c>value</c>.</summary>
    public BigInteger Value { get; }

    /// <summary>The error's <c>min</c>.</summary>
    public BigInteger Min { get; }

    /// <summary>The error's <c>max</c>.</summary>
    public BigInteger Max { get; }
}
