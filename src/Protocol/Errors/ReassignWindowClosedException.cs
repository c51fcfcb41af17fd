using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ReassignWindowClosed(uint256 leaseId, uint64 reassignDeadline)</c>.</summary>
public sealed class ReassignWindowClosedException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ReassignWindowClosedException(string operation, BigInteger leaseId, ulong reassignDeadline)
        : base("ReassignWindowClosed", operation, $"lease {leaseId} stopped taking replacement offers at {RevertText.Time(reassignDeadline)}; it will be closed.")
    {
        LeaseId = leaseId;
        ReassignDeadline = reassignDeadline;
    }

    /// <summary>The error's <c>leaseId</c>.</summary>
    public BigInteger LeaseId { get; }

    /// <summary>The error's <c>reassignDeadline</c>.</summary>
    public ulong ReassignDeadline { get; }
}
