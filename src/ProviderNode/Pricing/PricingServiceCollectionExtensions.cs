using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Pricing;

/// <summary>Registers the pricing policy.</summary>
public static class PricingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="IPricingPolicy"/> the configuration chooses — the script when <c>Pricing:Script</c> is set,
    /// otherwise the configured prices — with validated <see cref="PricingOptions"/> bound to <c>Pricing</c>.
    /// </summary>
    public static IServiceCollection AddPricing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PricingOptions>().Bind(configuration.GetSection(PricingOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PricingOptions>, PricingOptionsValidator>());
        services.TryAddSingleton<ConfiguredPricingPolicy>();
        services.TryAddSingleton<ScriptPricingPolicy>();
        services.TryAddSingleton<IPricingPolicy>(provider => provider.GetRequiredService<IOptions<PricingOptions>>().Value.Script is null
            ? provider.GetRequiredService<ConfiguredPricingPolicy>()
            : provider.GetRequiredService<ScriptPricingPolicy>());
        return services;
    }
}
