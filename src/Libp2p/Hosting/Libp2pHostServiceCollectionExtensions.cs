using DePinGpu.Libp2p.Configuration;
using DePinGpu.Libp2p.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>Registers a <see cref="Libp2pHost"/> as a singleton and hosted service, with its options, key and health check.</summary>
public static class Libp2pHostServiceCollectionExtensions
{
    /// <summary>Adds the host with options bound from <paramref name="section"/> (by default the <c>Libp2p</c> section).</summary>
    public static IServiceCollection AddLibp2pHost(this IServiceCollection services, IConfiguration section)
    {
        services.AddValidatedOptions(section, path => new Libp2pHostOptionsValidator(path));
        return services.AddLibp2pHostServices();
    }

    /// <summary>Adds the host with <paramref name="options"/> as given (validated at start like bound options).</summary>
    public static IServiceCollection AddLibp2pHost(this IServiceCollection services, Libp2pHostOptions? options = null)
    {
        services.AddValidatedOptions(options ?? new Libp2pHostOptions(), Libp2pHostOptions.SectionName, path => new Libp2pHostOptionsValidator(path));
        return services.AddLibp2pHostServices();
    }

    private static IServiceCollection AddLibp2pHostServices(this IServiceCollection services)
    {
        // An application that has its own key (the provider node: its operator key) registers it first and wins.
        services.TryAddSingleton(provider => HostIdentityKey.LoadOrCreate(provider.GetRequiredService<IOptions<Libp2pHostOptions>>().Value.IdentityKeyFile));
        services.AddSingleton(provider => new Libp2pHost(
            provider.GetRequiredService<PrivateKey>(),
            provider.GetRequiredService<IOptions<Libp2pHostOptions>>().Value,
            provider.GetService<ILoggerFactory>()));
        services.AddHostedService(provider => provider.GetRequiredService<Libp2pHost>());
        services.AddHealthChecks().AddCheck<Libp2pHostHealthCheck>(Libp2pHostHealthCheck.Name, tags: ["libp2p"]);
        return services;
    }
}
