using System.Numerics;
using DePinGpu.Protocol.Model;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>InvalidLeaseState(uint256 leaseId, uint8 state)</c>.</summary>
public sealed class InvalidLeaseStateException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public InvalidLeaseStateException(string operation, BigInteger leaseId, LeaseState state)
        : base("InvalidLeaseState", operation, $"lease {leaseId} is {state} and does not allow this; refresh the lease and act on its current state.")
    {
        LeaseId = leaseId;
        State = state;
    }

    /// <summary>The error's <c>leaseId</c>.</summary>
    public BigInteger LeaseId { get; }

    /// <summary>The error's <c>state</c>.</summary>
    public LeaseState State { get; }
}
