namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>StringTooLong(string str)</c>.</summary>
public sealed class StringTooLongException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public StringTooLongException(string operation, string str)
        : base("StringTooLong", operation, $"the string \"{str}\" is too long for the token's EIP-712 domain; redeploy the token with a shorter name.")
    {
        Str = str;
    }

    /// <summary>The error's <c>str</c>.</summary>
    public string Str { get; }
}
