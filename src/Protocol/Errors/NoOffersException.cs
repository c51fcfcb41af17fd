using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>NoOffers(uint256 orderId)</c>.</summary>
public sealed class NoOffersException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public NoOffersException(string operation, BigInteger orderId)
        : base("NoOffers", operation, $"order {orderId} has no offers; wait for providers or raise the maximum price.")
    {
        OrderId = orderId;
    }

    /// <summary>The error's <c>orderId</c>.</summary>
    public BigInteger OrderId { get; }
}
