using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>InsufficientStake(uint256 stake, uint256 required)</c>.</summary>
public sealed class InsufficientStakeException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public InsufficientStakeException(string operation, BigInteger stake, BigInteger required)
        : base("InsufficientStake", operation, $"the stake {stake} is below the required {required} (minimum per GPU × GPU count); stake more.")
    {
        Stake = stake;
        Required = required;
    }

    /// <summary>The error's <c>stake</c>.</summary>
    public BigInteger Stake { get; }

    /// <summary>The error's <c>required</c>.</summary>
    public BigInteger Required { get; }
}
