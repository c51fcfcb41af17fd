namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>OperatorInUse(address operator, address provider)</c>.</summary>
public sealed class OperatorInUseException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public OperatorInUseException(string operation, string @operator, string provider)
        : base("OperatorInUse", operation, $"operator {@operator} already serves provider {provider}; use a new operator key.")
    {
        Operator = @operator;
        Provider = provider;
    }

    /// <summary>The error's <c>operator</c>.</summary>
    public string Operator { get; }

    /// <summary>The error's <c>provider</c>.</summary>
    public string Provider { get; }
}
