namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ECDSAInvalidSignature()</c>.</summary>
public sealed class ECDSAInvalidSignatureException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ECDSAInvalidSignatureException(string operation)
        : base("ECDSAInvalidSignature", operation, $"the signature is invalid; sign the permit again with the owner's key.")
    {
    }
}
