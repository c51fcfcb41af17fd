using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>DuplicateLeaseId(uint256 leaseId)</c>.</summary>
public sealed class DuplicateLeaseIdException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public DuplicateLeaseIdException(string operation, BigInteger leaseId)
        : base("DuplicateLeaseId", operation, $"lease {leaseId} appears twice in the batch; list each lease once.")
    {
        LeaseId = leaseId;
    }

    /// <summary>The error's <c>leaseId</c>.</summary>
    public BigInteger LeaseId { get; }
}
