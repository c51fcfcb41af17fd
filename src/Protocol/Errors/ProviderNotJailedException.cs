namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ProviderNotJailed(address provider)</c>.</summary>
public sealed class ProviderNotJailedException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ProviderNotJailedException(string operation, string provider)
        : base("ProviderNotJailed", operation, $"provider {provider} is not jailed; nothing to unjail.")
    {
        Provider = provider;
    }

    /// <summary>The error's <c>provider</c>.</summary>
    public string Provider { get; }
}
