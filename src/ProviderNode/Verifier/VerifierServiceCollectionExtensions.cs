using DePinGpu.ProviderNode.Chain;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Hosting;
using DePinGpu.Protocol.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Verifier;

/// <summary>Registers the verifier role.</summary>
public static class VerifierServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="VerifierOptions"/> to the <c>Verifier</c> section (validated at start) and, unless
    /// <c>Verifier:Enabled</c> is false, adds the <see cref="VerifierService"/> and its chain-event handler. Needs the
    /// chain connection with a signing key (the reports' sender earns the finder's fee), the chain event stream and the
    /// <see cref="NodeEventBus"/> (for gossip heartbeats).
    /// </summary>
    public static IServiceCollection AddVerifier(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<VerifierOptions>().Bind(configuration.GetSection(VerifierOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VerifierOptions>>(new SectionOptionsValidator<VerifierOptions>(VerifierOptions.Section)));
        var options = configuration.GetSection(VerifierOptions.Section).Get<VerifierOptions>() ?? new VerifierOptions();
        if (!options.Enabled)
        {
            return services;
        }

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NodeEventBus>();
        services.TryAddSingleton<VerifierInbox>();
        services.TryAddSingleton<VerifierMetrics>();
        services.TryAddSingleton<ProviderAccount>();
        services.TryAddSingleton(provider => new ChainLivenessReader(provider.GetRequiredService<MarketClient>(), provider.GetRequiredService<RegistryClient>()));
        services.TryAddSingleton(provider => new MissedHeartbeatReporter(provider.GetRequiredService<MarketClient>()));
        services.AddHostedService<VerifierService>();
        services.AddChainEventHandler<VerifierChainEvents>();
        return services;
    }
}
