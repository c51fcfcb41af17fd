using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>LeaseNotFound(uint256 leaseId)</c>.</summary>
public sealed class LeaseNotFoundException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public LeaseNotFoundException(string operation, BigInteger leaseId)
        : base("LeaseNotFound", operation, $"lease {leaseId} does not exist; check the lease id.")
    {
        LeaseId = leaseId;
    }

    /// <summary>The error's <c>leaseId</c>.</summary>
    public BigInteger LeaseId { get; }
}
