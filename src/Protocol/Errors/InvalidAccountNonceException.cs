using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>InvalidAccountNonce(address account, uint256 currentNonce)</c>.</summary>
public sealed class InvalidAccountNonceException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public InvalidAccountNonceException(string operation, string account, BigInteger currentNonce)
        : base("InvalidAccountNonce", operation, $"the permit nonce does not match {account}'s current nonce {currentNonce}; sign it again with the current nonce.")
    {
        Account = account;
        CurrentNonce = currentNonce;
    }

    /// <summary>The error's <c>account</c>.</summary>
    public string Account { get; }

    /// <summary>The error's <c>currentNonce</c>.</summary>
    public BigInteger CurrentNonce { get; }
}
