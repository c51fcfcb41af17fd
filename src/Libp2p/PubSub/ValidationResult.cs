namespace DePinGpu.Libp2p.PubSub;

/// <summary>The verdict of an application validator, with the pubsub spec's meaning.</summary>
public enum ValidationResult
{
    /// <summary>Deliver locally and relay.</summary>
    Accept,

    /// <summary>Invalid: drop and penalise the sender (P4).</summary>
    Reject,

    /// <summary>Drop without penalty (e.g. stale or not relevant to us).</summary>
    Ignore,
}
