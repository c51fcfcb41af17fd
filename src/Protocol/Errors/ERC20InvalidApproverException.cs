namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ERC20InvalidApprover(address approver)</c>.</summary>
public sealed class ERC20InvalidApproverException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ERC20InvalidApproverException(string operation, string approver)
        : base("ERC20InvalidApprover", operation, $"{approver} cannot approve tokens; use a real account.")
    {
        Approver = approver;
    }

    /// <summary>The error's <c>approver</c>.</summary>
    public string Approver { get; }
}
