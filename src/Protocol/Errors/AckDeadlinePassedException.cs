using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>AckDeadlinePassed(uint256 leaseId, uint64 ackDeadline)</c>.</summary>
public sealed class AckDeadlinePassedException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public AckDeadlinePassedException(string operation, BigInteger leaseId, ulong ackDeadline)
        : base("AckDeadlinePassed", operation, $"the deadline to acknowledge lease {leaseId} passed at {RevertText.Time(ackDeadline)}; the lease will be reassigned, so do not start the workload.")
    {
        LeaseId = leaseId;
        AckDeadline = ackDeadline;
    }

    /// <summary>The error's <c>leaseId</c>.</summary>
    public BigInteger LeaseId { get; }

    /// <summary>The error's <c>ackDeadline</c>.</summary>
    public ulong AckDeadline { get; }
}
