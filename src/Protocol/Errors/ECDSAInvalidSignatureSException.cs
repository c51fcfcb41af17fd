namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ECDSAInvalidSignatureS(bytes32 s)</c>.</summary>
public sealed class ECDSAInvalidSignatureSException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ECDSAInvalidSignatureSException(string operation, string s)
        : base("ECDSAInvalidSignatureS", operation, $"the signature's s value {s} is not canonical; sign the permit again with a standard signer.")
    {
        S = s;
    }

    /// <summary>The error's <c>s</c>.</summary>
    public string S { get; }
}
