namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ReentrancyGuardReentrantCall()</c>.</summary>
public sealed class ReentrancyGuardReentrantCallException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ReentrancyGuardReentrantCallException(string operation)
        : base("ReentrancyGuardReentrantCall", operation, $"a contract tried to re-enter the call; call directly from an account.")
    {
    }
}
