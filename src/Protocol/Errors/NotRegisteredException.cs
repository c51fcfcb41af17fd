namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>NotRegistered(address provider)</c>.</summary>
public sealed class NotRegisteredException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public NotRegisteredException(string operation, string provider)
        : base("NotRegistered", operation, $"{provider} is not a registered provider; register first.")
    {
        Provider = provider;
    }

    /// <summary>The error's <c>provider</c>.</summary>
    public string Provider { get; }
}
