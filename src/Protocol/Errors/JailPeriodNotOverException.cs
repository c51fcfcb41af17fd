namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>JailPeriodNotOver(address provider, uint64 jailedUntil)</c>.</summary>
public sealed class JailPeriodNotOverException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public JailPeriodNotOverException(string operation, string provider, ulong jailedUntil)
        : base("JailPeriodNotOver", operation, $"provider {provider} stays jailed until {RevertText.Time(jailedUntil)}; call unjail after that.")
    {
        Provider = provider;
        JailedUntil = jailedUntil;
    }

    /// <summary>The error's <c>provider</c>.</summary>
    public string Provider { get; }

    /// <summary>The error's <c>jailedUntil</c>.</summary>
    public ulong JailedUntil { get; }
}
