using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ProviderExcludedFromOrder(uint256 orderId, address provider)</c>.</summary>
public sealed class ProviderExcludedFromOrderException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ProviderExcludedFromOrderException(string operation, BigInteger orderId, string provider)
        : base("ProviderExcludedFromOrder", operation, $"{provider} released, timed out or was reported on a lease of order {orderId} and cannot take one of its leases back; offer on other orders.")
    {
        OrderId = orderId;
        Provider = provider;
    }

    /// <summary>The error's <c>orderId</c>.</summary>
    public BigInteger OrderId { get; }

    /// <summary>The error's <c>provider</c>.</summary>
    public string Provider { get; }
}
