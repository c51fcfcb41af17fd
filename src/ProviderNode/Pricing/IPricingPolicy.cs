namespace DePinGpu.ProviderNode.Pricing;

/// <summary>Decides what the node asks for an order.</summary>
public interface IPricingPolicy
{
    /// <summary>Prices <paramref name="request"/>, or declines it.</summary>
    Task<PriceQuote> QuoteAsync(PricingRequest request, CancellationToken cancellationToken);
}
