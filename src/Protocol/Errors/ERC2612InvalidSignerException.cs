namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ERC2612InvalidSigner(address signer, address owner)</c>.</summary>
public sealed class ERC2612InvalidSignerException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ERC2612InvalidSignerException(string operation, string signer, string owner)
        : base("ERC2612InvalidSigner", operation, $"the permit was signed by {signer}, not by the owner {owner}; sign it with the owner's key and the token's current nonce.")
    {
        Signer = signer;
        Owner = owner;
    }

    /// <summary>The error's <c>signer</c>.</summary>
    public string Signer { get; }

    /// <summary>The error's <c>owner</c>.</summary>
    public string Owner { get; }
}
