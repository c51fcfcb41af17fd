namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>AccessControlBadConfirmation()</c>.</summary>
public sealed class AccessControlBadConfirmationException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public AccessControlBadConfirmationException(string operation)
        : base("AccessControlBadConfirmation", operation, $"the role renouncement was not confirmed by the caller itself; renounce from the account that holds the role.")
    {
    }
}
