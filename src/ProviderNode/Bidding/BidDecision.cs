using System.Numerics;

namespace DePinGpu.ProviderNode.Bidding;

/// <summary>Whether to offer for an order, and at which price per second.</summary>
/// <param name="Price">The offer's price per second; null when passing.</param>
/// <param name="Reason">Why the node passes; null when it offers.</param>
public sealed record BidDecision(BigInteger? Price, string? Reason)
{
    /// <summary>Offer at <paramref name="price"/>.</summary>
    public static BidDecision Offer(BigInteger price) => new(price, null);

    /// <summary>Pass, for <paramref name="reason"/>.</summary>
    public static BidDecision Pass(string reason) => new(null, reason);
}
