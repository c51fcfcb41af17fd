using System.Globalization;
using System.Numerics;

namespace DePinGpu.ProviderNode.Standby;

/// <summary>An order this provider is a standby of (a LiteDB document keyed by the order id in decimal).</summary>
public sealed record StandbyRecord
{
    /// <summary>The order id in decimal.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The order's first lease id in decimal (its leases are consecutive).</summary>
    public string FirstLeaseId { get; init; } = string.Empty;

    /// <summary>How many leases the order has.</summary>
    public int LeaseCount { get; init; }

    /// <summary>Leases of the order that ended (no longer replicated), in decimal.</summary>
    public List<string> EndedLeases { get; init; } = [];

    /// <summary>True once the spec, inputs and image are all present.</summary>
    public bool Prepared { get; init; }

    /// <summary>What is missing for the hand-over, in a sentence; null when nothing is.</summary>
    public string? Problem { get; init; }

    /// <summary>When the record last changed (UTC).</summary>
    public DateTime UpdatedAt { get; init; }

    /// <summary>True when <paramref name="leaseId"/> is one of the order's leases and has not ended.</summary>
    public bool Covers(BigInteger leaseId)
    {
        var first = BigInteger.Parse(FirstLeaseId, CultureInfo.InvariantCulture);
        return leaseId >= first && leaseId < first + LeaseCount && !EndedLeases.Contains(leaseId.ToString(CultureInfo.InvariantCulture));
    }
}
