namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ERC20InvalidSpender(address spender)</c>.</summary>
public sealed class ERC20InvalidSpenderException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ERC20InvalidSpenderException(string operation, string spender)
        : base("ERC20InvalidSpender", operation, $"{spender} cannot be approved as spender; give the contract's real address.")
    {
        Spender = spender;
    }

    /// <summary>The error's <c>spender</c>.</summary>
    public string Spender { get; }
}
