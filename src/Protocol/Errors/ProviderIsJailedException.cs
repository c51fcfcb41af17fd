namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ProviderIsJailed(address provider, uint64 jailedUntil)</c>.</summary>
public sealed class ProviderIsJailedException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ProviderIsJailedException(string operation, string provider, ulong jailedUntil)
        : base("ProviderIsJailed", operation, $"provider {provider} is jailed until {RevertText.Time(jailedUntil)}; unjail after that before offering.")
    {
        Provider = provider;
        JailedUntil = jailedUntil;
    }

    /// <summary>The error's <c>provider</c>.</summary>
    public string Provider { get; }

    /// <summary>The error's <c>jailedUntil</c>.</summary>
    public ulong JailedUntil { get; }
}
