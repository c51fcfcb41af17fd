using DePinGpu.Libp2p.PubSub;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>A validator's answer and, when not accepted, why.</summary>
/// <param name="Result">Accept, Reject (the sender is penalised) or Ignore (dropped without penalty).</param>
/// <param name="Reason">Why it was not accepted; null when accepted.</param>
public sealed record GossipVerdict(ValidationResult Result, string? Reason)
{
    /// <summary>Accepted.</summary>
    public static GossipVerdict Accept { get; } = new(ValidationResult.Accept, null);

    /// <summary>Invalid: rejected and penalised.</summary>
    public static GossipVerdict Reject(string reason) => new(ValidationResult.Reject, reason);

    /// <summary>Benign (stale, not checkable yet): dropped without penalty.</summary>
    public static GossipVerdict Ignore(string reason) => new(ValidationResult.Ignore, reason);
}
