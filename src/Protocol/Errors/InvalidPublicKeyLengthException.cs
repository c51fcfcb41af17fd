using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>InvalidPublicKeyLength(uint256 length)</c>.</summary>
public sealed class InvalidPublicKeyLengthException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public InvalidPublicKeyLengthException(string operation, BigInteger length)
        : base("InvalidPublicKeyLength", operation, $"the operator public key is {length} bytes; give the 64-byte uncompressed key without the 0x04 prefix.")
    {
        Length = length;
    }

    /// <summary>The error's <c>length</c>.</summary>
    public BigInteger Length { get; }
}
