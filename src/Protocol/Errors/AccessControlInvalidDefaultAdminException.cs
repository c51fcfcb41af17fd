namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>AccessControlInvalidDefaultAdmin(address defaultAdmin)</c>.</summary>
public sealed class AccessControlInvalidDefaultAdminException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public AccessControlInvalidDefaultAdminException(string operation, string defaultAdmin)
        : base("AccessControlInvalidDefaultAdmin", operation, $"{defaultAdmin} cannot become or act as the default admin here; use the pending admin account, after the delay.")
    {
        DefaultAdmin = defaultAdmin;
    }

    /// <summary>The error's <c>defaultAdmin</c>.</summary>
    public string DefaultAdmin { get; }
}
