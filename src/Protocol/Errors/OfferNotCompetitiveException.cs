using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>OfferNotCompetitive(uint256 orderId, uint256 pricePerSecond, uint256 worstPrice)</c>.</summary>
public sealed class OfferNotCompetitiveException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public OfferNotCompetitiveException(string operation, BigInteger orderId, BigInteger pricePerSecond, BigInteger worstPrice)
        : base("OfferNotCompetitive", operation, $"the book of order {orderId} is full and {pricePerSecond} per second is not below the worst offer {worstPrice}; offer a lower price.")
    {
        OrderId = orderId;
        PricePerSecond = pricePerSecond;
        WorstPrice = worstPrice;
    }

    /// <summary>The error's <c>orderId</c>.</summary>
    public BigInteger OrderId { get; }

    /// <summary>The error's <c>pricePerSecond</c>.</summary>
    public BigInteger PricePerSecond { get; }

    /// <summary>The error's <c>worstPrice</c>.</summary>
    public BigInteger WorstPrice { get; }
}
