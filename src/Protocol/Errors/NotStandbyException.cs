using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>NotStandby(uint256 orderId, address provider)</c>.</summary>
public sealed class NotStandbyException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public NotStandbyException(string operation, BigInteger orderId, string provider)
        : base("NotStandby", operation, $"{provider} is not in the standby queue of order {orderId}; nothing to leave.")
    {
        OrderId = orderId;
        Provider = provider;
    }

    /// <summary>The error's <c>orderId</c>.</summary>
    public BigInteger OrderId { get; }

    /// <summary>The error's <c>provider</c>.</summary>
    public string Provider { get; }
}
