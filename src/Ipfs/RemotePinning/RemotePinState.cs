namespace DePinGpu.Ipfs.RemotePinning;

/// <summary>Where a pin request stands at the service (Pinning Service API <c>Status</c>).</summary>
public enum RemotePinState
{
    /// <summary>Accepted, not started.</summary>
    Queued,

    /// <summary>The service is fetching the DAG.</summary>
    Pinning,

    /// <summary>The whole DAG is pinned.</summary>
    Pinned,

    /// <summary>The service gave up; <see cref="RemotePinStatus.Info"/> may say why.</summary>
    Failed,
}
