using System.Numerics;
using DePinGpu.Protocol.Model;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>InvalidOrderState(uint256 orderId, uint8 state)</c>.</summary>
public sealed class InvalidOrderStateException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public InvalidOrderStateException(string operation, BigInteger orderId, OrderState state)
        : base("InvalidOrderState", operation, $"order {orderId} is {state} and does not allow this; refresh the order and act on its current state.")
    {
        OrderId = orderId;
        State = state;
    }

    /// <summary>The error's <c>orderId</c>.</summary>
    public BigInteger OrderId { get; }

    /// <summary>The error's <c>state</c>.</summary>
    public OrderState State { get; }
}
