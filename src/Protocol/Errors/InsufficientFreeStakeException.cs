using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>InsufficientFreeStake(address provider, uint256 freeStake, uint256 required)</c>.</summary>
public sealed class InsufficientFreeStakeException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public InsufficientFreeStakeException(string operation, string provider, BigInteger freeStake, BigInteger required)
        : base("InsufficientFreeStake", operation, $"provider {provider} has {freeStake} free stake but {required} is needed; add stake or wait until other positions end.")
    {
        Provider = provider;
        FreeStake = freeStake;
        Required = required;
    }

    /// <summary>The error's <c>provider</c>.</summary>
    public string Provider { get; }

    /// <summary>The error's <c>freeStake</c>.</summary>
    public BigInteger FreeStake { get; }

    /// <summary>The error's <c>required</c>.</summary>
    public BigInteger Required { get; }
}
