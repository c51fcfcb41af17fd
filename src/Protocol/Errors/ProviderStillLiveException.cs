using System.Numerics;

namespace DePinGpu.Protocol.Errors;

/// <summary>The contract error <c>ProviderStillLive(uint256 leaseId, address provider, uint64 liveUntil)</c>.</summary>
public sealed class ProviderStillLiveException : ContractRevertException
{
    /// <summary>Creates the exception with the error's values.</summary>
    public ProviderStillLiveException(string operation, BigInteger leaseId, string provider, ulong liveUntil)
        : base("ProviderStillLive", operation, $"the provider {provider} of lease {leaseId} is live until {RevertText.Time(liveUntil)}; report it only after its heartbeat times out.")
    {
        LeaseId = leaseId;
        Provider = provider;
        LiveUntil = liveUntil;
    }

    /// <summary>The error's <c>leaseId</c>.</summary>
    public BigInteger LeaseId { get; }

    /// <summary>The error's <c>provider</c>.</summary>
    public string Provider { get; }

    /// <summary>The error's <c>liveUntil</c>.</summary>
    public ulong LiveUntil { get; }
}
