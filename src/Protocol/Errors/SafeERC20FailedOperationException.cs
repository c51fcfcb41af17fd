namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>SafeERC20FailedOperation(address token)</c>.</summary>
public sealed class SafeERC20FailedOperationException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public SafeERC20FailedOperationException(string operation, string token)
        : base("SafeERC20FailedOperation", operation, $"the token {token} refused the transfer; check balances and allowances on the token.")
    {
        Token = token;
    }

    /// <summary>The error's <c>token</c>.</summary>
    public string Token { get; }
}
