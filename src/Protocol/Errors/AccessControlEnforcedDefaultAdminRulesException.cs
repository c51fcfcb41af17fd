namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>AccessControlEnforcedDefaultAdminRules()</c>.</summary>
public sealed class AccessControlEnforcedDefaultAdminRulesException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public AccessControlEnforcedDefaultAdminRulesException(string operation)
        : base("AccessControlEnforcedDefaultAdminRules", operation, $"the default admin role moves only through beginDefaultAdminTransfer and acceptDefaultAdminTransfer; use that two-step transfer.")
    {
    }
}
