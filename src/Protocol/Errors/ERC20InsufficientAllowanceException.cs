using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)</c>.</summary>
public sealed class ERC20InsufficientAllowanceException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ERC20InsufficientAllowanceException(string operation, string spender, BigInteger allowance, BigInteger needed)
        : base("ERC20InsufficientAllowance", operation, $"the allowance of {spender} is {allowance} but {needed} is needed; approve at least {needed} first (or use the permit variant).")
    {
        Spender = spender;
        Allowance = allowance;
        Needed = needed;
    }

    /// <summary>The error's <c>spender</c>.</summary>
    public string Spender { get; }

    /// <summary>The error's <c>allowance</c>.</summary>
    public BigInteger Allowance { get; }

    /// <summary>The error's <c>needed</c>.</summary>
    public BigInteger Needed { get; }
}
