using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>LeaseNotDue(uint256 leaseId)</c>.</summary>
public sealed class LeaseNotDueException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public LeaseNotDueException(string operation, BigInteger leaseId)
        : base("LeaseNotDue", operation, $"lease {leaseId} is neither expired, out of funds nor past its reassignment deadline; nothing to close yet.")
    {
        LeaseId = leaseId;
    }

    /// <summary>The error's <c>leaseId</c>.</summary>
    public BigInteger LeaseId { get; }
}
