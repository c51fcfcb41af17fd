namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>NoScheduledParameters()</c>.</summary>
public sealed class NoScheduledParametersException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public NoScheduledParametersException(string operation)
        : base("NoScheduledParameters", operation, $"no parameter change is scheduled; schedule one first.")
    {
    }
}
