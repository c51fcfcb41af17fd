using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>EscrowTooLow(uint256 escrow, uint256 required)</c>.</summary>
public sealed class EscrowTooLowException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public EscrowTooLowException(string operation, BigInteger escrow, BigInteger required)
        : base("EscrowTooLow", operation, $"the escrow {escrow} is below the required {required} (replicas × max price × minimum prepaid seconds); deposit more or lower the price.")
    {
        Escrow = escrow;
        Required = required;
    }

    /// <summary>The error's <c>escrow</c>.</summary>
    public BigInteger Escrow { get; }

    /// <summary>The error's <c>required</c>.</summary>
    public BigInteger Required { get; }
}
