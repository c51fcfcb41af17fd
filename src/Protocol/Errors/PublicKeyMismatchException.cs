namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>PublicKeyMismatch(address operator, address derived)</c>.</summary>
public sealed class PublicKeyMismatchException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public PublicKeyMismatchException(string operation, string @operator, string derived)
        : base("PublicKeyMismatch", operation, $"the public key belongs to {derived}, not to the operator {@operator}; give the operator's own public key.")
    {
        Operator = @operator;
        Derived = derived;
    }

    /// <summary>The error's <c>operator</c>.</summary>
    public string Operator { get; }

    /// <summary>The error's <c>derived</c>.</summary>
    public string Derived { get; }
}
