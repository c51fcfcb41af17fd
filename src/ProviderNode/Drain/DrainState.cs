namespace DePinGpu.ProviderNode.Drain;

/// <summary>Where the node stands with a drain.</summary>
public enum DrainState
{
    /// <summary>No drain asked for: the node bids and runs leases.</summary>
    Idle,

    /// <summary>Bidding stopped; leases are being brought to an end.</summary>
    Draining,

    /// <summary>Every lease is handled; the daemon exits.</summary>
    Finished,
}
