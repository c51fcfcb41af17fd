using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>LockedStakeUnderflow(address provider, uint256 lockedStake, uint256 amount)</c>.</summary>
public sealed class LockedStakeUnderflowException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public LockedStakeUnderflowException(string operation, string provider, BigInteger lockedStake, BigInteger amount)
        : base("LockedStakeUnderflow", operation, $"provider {provider} has only {lockedStake} locked stake, less than {amount}; this is a contract accounting error, report it.")
    {
        Provider = provider;
        LockedStake = lockedStake;
        Amount = amount;
    }

    /// <summary>The error's <c>provider</c>.</summary>
    public string Provider { get; }

    /// <summary>The error's <c>lockedStake</c>.</summary>
    public BigInteger LockedStake { get; }

    /// <summary>The error's <c>amount</c>.</summary>
    public BigInteger Amount { get; }
}
