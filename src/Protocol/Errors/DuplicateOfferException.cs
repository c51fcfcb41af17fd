using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>DuplicateOffer(uint256 orderId, address provider)</c>.</summary>
public sealed class DuplicateOfferException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public DuplicateOfferException(string operation, BigInteger orderId, string provider)
        : base("DuplicateOffer", operation, $"{provider} already has an offer on order {orderId}; one offer per provider and order.")
    {
        OrderId = orderId;
        Provider = provider;
    }

    /// <summary>The error's <c>orderId</c>.</summary>
    public BigInteger OrderId { get; }

    /// <summary>The error's <c>provider</c>.</summary>
    public string Provider { get; }
}
