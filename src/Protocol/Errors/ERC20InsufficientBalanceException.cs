using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)</c>.</summary>
public sealed class ERC20InsufficientBalanceException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ERC20InsufficientBalanceException(string operation, string sender, BigInteger balance, BigInteger needed)
        : base("ERC20InsufficientBalance", operation, $"{sender} holds {balance} tokens but {needed} are needed; get more tokens first.")
    {
        Sender = sender;
        Balance = balance;
        Needed = needed;
    }

    /// <summary>The error's <c>sender</c>.</summary>
    public string Sender { get; }

    /// <summary>The error's <c>balance</c>.</summary>
    public BigInteger Balance { get; }

    /// <summary>The error's <c>needed</c>.</summary>
    public BigInteger Needed { get; }
}
