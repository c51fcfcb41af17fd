namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>AlreadyRegistered(address provider)</c>.</summary>
public sealed class AlreadyRegisteredException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public AlreadyRegisteredException(string operation, string provider)
        : base("AlreadyRegistered", operation, $"{provider} is already a registered provider; add stake or change the operator instead of registering again.")
    {
        Provider = provider;
    }

    /// <summary>The error's <c>provider</c>.</summary>
    public string Provider { get; }
}
