using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>A Solidity panic (<c>Panic(uint256)</c>): a contract bug or an arithmetic limit, not a user mistake.</summary>
public sealed class PanicException : ContractRevertException
{
    /// <summary>Creates the exception.</summary>
    public PanicException(string operation, BigInteger code)
        : base("Panic", operation, $"panic 0x{code:x2} ({Describe(code)}); report this with the transaction details.")
    {
        Code = code;
    }

    /// <summary>The panic code.</summary>
    public BigInteger Code { get; }

    private static string Describe(BigInteger code) => (int)(code & 0xff) switch
    {
        0x01 => "assertion failed",
        0x11 => "arithmetic overflow or underflow",
        0x12 => "division by zero",
        0x21 => "invalid enum value",
        0x32 => "array index out of bounds",
        0x41 => "out of memory",
        _ => "unexpected internal error",
    };
}
