using System.Numerics;

namespace DePinGpu.ProviderNode.Pricing;

/// <summary>A price per replica-second (token base units), or why the node makes no offer (an expected outcome).</summary>
public sealed record PriceQuote
{
    private PriceQuote(BigInteger? pricePerSecond, string? declined)
    {
        PricePerSecond = pricePerSecond;
        Declined = declined;
    }

    /// <summary>The price; null when declined.</summary>
    public BigInteger? PricePerSecond { get; }

    /// <summary>Why no offer is made; null when priced.</summary>
    public string? Declined { get; }

    /// <summary>A price.</summary>
    public static PriceQuote Of(BigInteger pricePerSecond) => new(pricePerSecond, null);

    /// <summary>No offer, with the reason.</summary>
    public static PriceQuote Decline(string reason) => new(null, reason);
}
