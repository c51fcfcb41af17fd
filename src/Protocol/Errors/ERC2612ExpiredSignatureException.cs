using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ERC2612ExpiredSignature(uint256 deadline)</c>.</summary>
public sealed class ERC2612ExpiredSignatureException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ERC2612ExpiredSignatureException(string operation, BigInteger deadline)
        : base("ERC2612ExpiredSignature", operation, $"the permit expired at {deadline} (unix time); sign a new permit with a later deadline.")
    {
        Deadline = deadline;
    }

    /// <summary>The error's <c>deadline</c>.</summary>
    public BigInteger Deadline { get; }
}
