namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ParametersNotYetEffective(uint64 effectiveAt)</c>.</summary>
public sealed class ParametersNotYetEffectiveException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ParametersNotYetEffectiveException(string operation, ulong effectiveAt)
        : base("ParametersNotYetEffective", operation, $"the scheduled parameters take effect only at {RevertText.Time(effectiveAt)}; apply them after that time.")
    {
        EffectiveAt = effectiveAt;
    }

    /// <summary>The error's <c>effectiveAt</c>.</summary>
    public ulong EffectiveAt { get; }
}
