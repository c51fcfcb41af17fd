using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>LeaseEndedWhileLive(uint256 leaseId, uint64 endsAt, uint64 liveUntil)</c>.</summary>
public sealed class LeaseEndedWhileLiveException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public LeaseEndedWhileLiveException(string operation, BigInteger leaseId, ulong endsAt, ulong liveUntil)
        : base("LeaseEndedWhileLive", operation, $"lease {leaseId} ended at {RevertText.Time(endsAt)} while its provider was live (until {RevertText.Time(liveUntil)}): there is no missed heartbeat to report; close it with closeDueLease.")
    {
        LeaseId = leaseId;
        EndsAt = endsAt;
        LiveUntil = liveUntil;
    }

    /// <summary>The error's <c>leaseId</c>.</summary>
    public BigInteger LeaseId { get; }

    /// <summary>The error's <c>endsAt</c>.</summary>
    public ulong EndsAt { get; }

    /// <summary>The error's <c>liveUntil</c>.</summary>
    public ulong LiveUntil { get; }
}
