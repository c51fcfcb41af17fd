namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>AccessControlUnauthorizedAccount(address account, bytes32 neededRole)</c>.</summary>
public sealed class AccessControlUnauthorizedAccountException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public AccessControlUnauthorizedAccountException(string operation, string account, string neededRole)
        : base("AccessControlUnauthorizedAccount", operation, $"{account} lacks the role {neededRole}; send this from an account that holds it (the deployer/admin for parameters).")
    {
        Account = account;
        NeededRole = neededRole;
    }

    /// <summary>The error's <c>account</c>.</summary>
    public string Account { get; }

    /// <summary>The error's <c>neededRole</c>.</summary>
    public string NeededRole { get; }
}
