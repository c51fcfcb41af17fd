using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>PriceOutOfRange(uint256 pricePerSecond, uint256 maxPricePerSecond)</c>.</summary>
public sealed class PriceOutOfRangeException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public PriceOutOfRangeException(string operation, BigInteger pricePerSecond, BigInteger maxPricePerSecond)
        : base("PriceOutOfRange", operation, $"the price {pricePerSecond} per second is zero or above the order's maximum {maxPricePerSecond}; offer a price within it.")
    {
        PricePerSecond = pricePerSecond;
        MaxPricePerSecond = maxPricePerSecond;
    }

    /// <summary>The error's <c>pricePerSecond</c>.</summary>
    public BigInteger PricePerSecond { get; }

    /// <summary>The error's <c>maxPricePerSecond</c>.</summary>
    public BigInteger MaxPricePerSecond { get; }
}
