namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>UnknownOperator(address operator)</c>.</summary>
public sealed class UnknownOperatorException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public UnknownOperatorException(string operation, string @operator)
        : base("UnknownOperator", operation, $"{@operator} is not the operator of any registered provider; send this from a registered operator key.")
    {
        Operator = @operator;
    }

    /// <summary>The error's <c>operator</c>.</summary>
    public string Operator { get; }
}
