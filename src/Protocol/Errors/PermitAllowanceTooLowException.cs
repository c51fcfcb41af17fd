using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>PermitAllowanceTooLow(uint256 allowance, uint256 required)</c>.</summary>
public sealed class PermitAllowanceTooLowException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public PermitAllowanceTooLowException(string operation, BigInteger allowance, BigInteger required)
        : base("PermitAllowanceTooLow", operation, $"the permit grants {allowance} but the escrow needs {required}; sign a permit for at least the escrow.")
    {
        Allowance = allowance;
        Required = required;
    }

    /// <summary>The error's <c>allowance</c>.</summary>
    public BigInteger Allowance { get; }

    /// <summary>The error's <c>required</c>.</summary>
    public BigInteger Required { get; }
}
