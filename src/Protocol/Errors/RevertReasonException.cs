namespace DePinGpu.Protocol.Errors;

/// <summary>A revert with a string reason (<c>Error(string)</c>), e.g. from a require without custom error.</summary>
public sealed class RevertReasonException : ContractRevertException
{
    /// <summary>Creates the exception.</summary>
    public RevertReasonException(string operation, string reason)
        : base("Error", operation, $"\"{reason}\".")
    {
        Reason = reason;
    }

    /// <summary>The reason string.</summary>
    public string Reason { get; }
}
