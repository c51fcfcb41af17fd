using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>AckDeadlineNotPassed(uint256 leaseId, uint64 ackDeadline)</c>.</summary>
public sealed class AckDeadlineNotPassedException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public AckDeadlineNotPassedException(string operation, BigInteger leaseId, ulong ackDeadline)
        : base("AckDeadlineNotPassed", operation, $"lease {leaseId} can still be acknowledged until {RevertText.Time(ackDeadline)}; report a start timeout only after that.")
    {
        LeaseId = leaseId;
        AckDeadline = ackDeadline;
    }

    /// <summary>The error's <c>leaseId</c>.</summary>
    public BigInteger LeaseId { get; }

    /// <summary>The error's <c>ackDeadline</c>.</summary>
    public ulong AckDeadline { get; }
}
