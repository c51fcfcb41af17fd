using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>SafeCastOverflowedUintDowncast(uint8 bits, uint256 value)</c>.</summary>
public sealed class SafeCastOverflowedUintDowncastException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public SafeCastOverflowedUintDowncastException(string operation, byte bits, BigInteger value)
        : base("SafeCastOverflowedUintDowncast", operation, $"the value {value} does not fit in {bits} bits; use a smaller value.")
    {
        Bits = bits;
        Value = value;
    }

    /// <summary>The error's <c>bits</c>.</summary>
    public byte Bits { get; }

    /// <summary>The error's <c>value</c>.</summary>
    public BigInteger Value { get; }
}
