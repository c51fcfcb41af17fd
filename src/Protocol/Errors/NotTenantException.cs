using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>NotTenant(uint256 orderId, address caller)</c>.</summary>
public sealed class NotTenantException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public NotTenantException(string operation, BigInteger orderId, string caller)
        : base("NotTenant", operation, $"{caller} is not the tenant of order {orderId}; send this from the account that placed the order.")
    {
        OrderId = orderId;
        Caller = caller;
    }

    /// <summary>The error's <c>orderId</c>.</summary>
    public BigInteger OrderId { get; }

    /// <summary>The error's <c>caller</c>.</summary>
    public string Caller { get; }
}
