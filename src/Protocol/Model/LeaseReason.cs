namespace DePinGpu.Protocol.Model;

/// <summary>Why a lease closed or moved; the hundreds digit names the actor (1 tenant, 2 provider, 3 protocol).</summary>
public enum LeaseReason : ushort
{
    /// <summary>Not closed.</summary>
    None = 0,

    /// <summary>The tenant closed it.</summary>
    TenantClosed = 100,

    /// <summary>The provider completed the batch job.</summary>
    Completed = 200,

    /// <summary>The provider handed it back.</summary>
    Released = 201,

    /// <summary>The provider stopped heart-beating and was reported.</summary>
    MissedHeartbeat = 202,

    /// <summary>The provider did not acknowledge in time.</summary>
    StartTimeout = 203,

    /// <summary>The order's maximum duration was reached.</summary>
    Expired = 300,

    /// <summary>The escrow could not cover the accrual.</summary>
    InsufficientFunds = 301,

    /// <summary>No provider took over after a fault.</summary>
    NoReplacement = 302,
}
