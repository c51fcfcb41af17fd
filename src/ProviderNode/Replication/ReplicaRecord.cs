namespace DePinGpu.ProviderNode.Replication;

/// <summary>A checkpoint this node replicated and pinned as a standby (a LiteDB document keyed by the CID text).</summary>
public sealed record ReplicaRecord
{
    /// <summary>The checkpoint's root CID (base32).</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The lease id in decimal.</summary>
    public string LeaseId { get; init; } = string.Empty;

    /// <summary>The lease's order id in decimal.</summary>
    public string OrderId { get; init; } = string.Empty;

    /// <summary>The epoch it was made at.</summary>
    public long Epoch { get; init; }

    /// <summary>Its step.</summary>
    public long Step { get; init; }

    /// <summary>Bytes this node fetched for it.</summary>
    public long BytesFetched { get; init; }

    /// <summary>When it was pinned (UTC).</summary>
    public DateTime PinnedAt { get; init; }

    /// <summary>True when this checkpoint is older than (<paramref name="epoch"/>, <paramref name="step"/>).</summary>
    public bool IsOlderThan(long epoch, long step) => Epoch < epoch || (Epoch == epoch && Step < step);
}
