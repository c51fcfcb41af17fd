namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>InvalidShortString()</c>.</summary>
public sealed class InvalidShortStringException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public InvalidShortStringException(string operation)
        : base("InvalidShortString", operation, $"the token's EIP-712 name is malformed; this is a token deployment problem, redeploy the token.")
    {
    }
}
