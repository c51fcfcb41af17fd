using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>OrderNotFound(uint256 orderId)</c>.</summary>
public sealed class OrderNotFoundException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public OrderNotFoundException(string operation, BigInteger orderId)
        : base("OrderNotFound", operation, $"order {orderId} does not exist; check the order id.")
    {
        OrderId = orderId;
    }

    /// <summary>The error's <c>orderId</c>.</summary>
    public BigInteger OrderId { get; }
}
