namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>DirectCallNotAllowed()</c>.</summary>
public sealed class DirectCallNotAllowedException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public DirectCallNotAllowedException(string operation)
        : base("DirectCallNotAllowed", operation, $"the market extension cannot be called directly; call the LeaseMarket instead.")
    {
    }
}
