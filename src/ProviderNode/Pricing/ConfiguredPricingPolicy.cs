using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Pricing;

/// <summary>Prices from the configuration: the model's price per GPU-second times the GPUs per replica.</summary>
public sealed class ConfiguredPricingPolicy : IPricingPolicy
{
    private readonly PricingOptions _options;

    /// <summary>Creates the policy.</summary>
    public ConfiguredPricingPolicy(IOptions<PricingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <inheritdoc />
    public Task<PriceQuote> QuoteAsync(PricingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = _options.PerGpuSecond.TryGetValue(request.GpuModel, out var configured) ? configured : _options.DefaultPerGpuSecond;
        if (PriceText.Parse(text) is not { } perGpuSecond)
        {
            return Task.FromResult(PriceQuote.Decline($"no price is configured for GPU model \"{request.GpuModel}\""));
        }

        return Task.FromResult(PriceQuote.Of(perGpuSecond * Math.Max(1, request.GpusPerReplica)));
    }
}
