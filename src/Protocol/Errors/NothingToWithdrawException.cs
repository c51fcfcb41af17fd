namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>NothingToWithdraw(address account)</c>.</summary>
public sealed class NothingToWithdrawException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public NothingToWithdrawException(string operation, string account)
        : base("NothingToWithdraw", operation, $"{account} has nothing to withdraw yet; wait until payments accrue or the unbonding period ends.")
    {
        Account = account;
    }

    /// <summary>The error's <c>account</c>.</summary>
    public string Account { get; }
}
