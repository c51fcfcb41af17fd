using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ProviderUnderStaked(address provider, uint256 stake, uint256 required)</c>.</summary>
public sealed class ProviderUnderStakedException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ProviderUnderStakedException(string operation, string provider, BigInteger stake, BigInteger required)
        : base("ProviderUnderStaked", operation, $"provider {provider} has stake {stake} below the required {required}; add stake before offering.")
    {
        Provider = provider;
        Stake = stake;
        Required = required;
    }

    /// <summary>The error's <c>provider</c>.</summary>
    public string Provider { get; }

    /// <summary>The error's <c>stake</c>.</summary>
    public BigInteger Stake { get; }

    /// <summary>The error's <c>required</c>.</summary>
    public BigInteger Required { get; }
}
