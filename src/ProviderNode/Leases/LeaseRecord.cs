namespace DePinGpu.ProviderNode.Leases;

/// <summary>The persisted state of one lease at this node (a LiteDB document keyed by the lease id in decimal).</summary>
public sealed record LeaseRecord
{
    /// <summary>The lease id in decimal.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The order id in decimal.</summary>
    public string OrderId { get; init; } = string.Empty;

    /// <summary>The epoch this node holds (or held) the lease at.</summary>
    public long Epoch { get; init; }

    /// <summary>Where the lease stands.</summary>
    public LeaseStatus Status { get; init; }

    /// <summary>GPUs the lease takes while it is not final.</summary>
    public int Gpus { get; init; }

    /// <summary>The last step committed on-chain at this epoch; null before the first.</summary>
    public long? CommittedStep { get; init; }

    /// <summary>The CID of that checkpoint.</summary>
    public string? CommittedCid { get; init; }

    /// <summary>The workload's last exit code.</summary>
    public int? ExitCode { get; init; }

    /// <summary>A sentence on the last thing that went wrong, for <c>status</c>.</summary>
    public string? Problem { get; init; }

    /// <summary>When the record last changed (UTC).</summary>
    public DateTime UpdatedAt { get; init; }

    /// <summary>True once nothing more happens to it at this epoch.</summary>
    public bool IsFinal => Status is LeaseStatus.Completed or LeaseStatus.Closed or LeaseStatus.HandedOver;
}
