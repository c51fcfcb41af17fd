using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ProviderAlreadyInOrder(uint256 orderId, address provider)</c>.</summary>
public sealed class ProviderAlreadyInOrderException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ProviderAlreadyInOrderException(string operation, BigInteger orderId, string provider)
        : base("ProviderAlreadyInOrder", operation, $"provider {provider} already holds a position in order {orderId}; one position per provider and order.")
    {
        OrderId = orderId;
        Provider = provider;
    }

    /// <summary>The error's <c>orderId</c>.</summary>
    public BigInteger OrderId { get; }

    /// <summary>The error's <c>provider</c>.</summary>
    public string Provider { get; }
}
