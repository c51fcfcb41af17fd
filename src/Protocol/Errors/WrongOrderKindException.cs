using System.Numerics;
using DePinGpu.Protocol.Model;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>WrongOrderKind(uint256 orderId, uint8 kind)</c>.</summary>
public sealed class WrongOrderKindException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public WrongOrderKindException(string operation, BigInteger orderId, OrderKind kind)
        : base("WrongOrderKind", operation, $"order {orderId} is {kind}, which does not allow this (checkpoints and completion are for Stateful orders only).")
    {
        OrderId = orderId;
        Kind = kind;
    }

    /// <summary>The error's <c>orderId</c>.</summary>
    public BigInteger OrderId { get; }

    /// <summary>The error's <c>kind</c>.</summary>
    public OrderKind Kind { get; }
}
