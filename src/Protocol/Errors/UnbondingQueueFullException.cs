using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>UnbondingQueueFull(address provider, uint256 maxEntries)</c>.</summary>
public sealed class UnbondingQueueFullException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public UnbondingQueueFullException(string operation, string provider, BigInteger maxEntries)
        : base("UnbondingQueueFull", operation, $"provider {provider} already has {maxEntries} pending unbonding requests; withdraw released ones first.")
    {
        Provider = provider;
        MaxEntries = maxEntries;
    }

    /// <summary>The error's <c>provider</c>.</summary>
    public string Provider { get; }

    /// <summary>The error's <c>maxEntries</c>.</summary>
    public BigInteger MaxEntries { get; }
}
