namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>InvalidOperatorSignature(address operator, address signer)</c>.</summary>
public sealed class InvalidOperatorSignatureException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public InvalidOperatorSignatureException(string operation, string @operator, string signer)
        : base("InvalidOperatorSignature", operation, $"the operator key {@operator} did not sign the binding to this owner (recovered {signer}); sign operatorBindingDigest(owner) with the operator key.")
    {
        Operator = @operator;
        Signer = signer;
    }

    /// <summary>The error's <c>operator</c>.</summary>
    public string Operator { get; }

    /// <summary>The error's <c>signer</c>.</summary>
    public string Signer { get; }
}
