using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ECDSAInvalidSignatureLength(uint256 length)</c>.</summary>
public sealed class ECDSAInvalidSignatureLengthException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ECDSAInvalidSignatureLengthException(string operation, BigInteger length)
        : base("ECDSAInvalidSignatureLength", operation, $"the signature has {length} bytes instead of 65; sign the permit again.")
    {
        Length = length;
    }

    /// <summary>The error's <c>length</c>.</summary>
    public BigInteger Length { get; }
}
