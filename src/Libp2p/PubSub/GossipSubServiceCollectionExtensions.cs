using DePinGpu.Libp2p.Configuration;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub.Network;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.Libp2p.PubSub;

/// <summary>Registers <see cref="GossipSubService"/> on the host added by <c>AddLibp2pHost</c>, as a singleton and hosted service.</summary>
public static class GossipSubServiceCollectionExtensions
{
    /// <summary>Adds GossipSub with options bound from <paramref name="section"/> (by default the <c>GossipSub</c> section).</summary>
    public static IServiceCollection AddGossipSub(this IServiceCollection services, IConfiguration section)
    {
        services.AddValidatedOptions(section, path => new GossipSubServiceOptionsValidator(path));
        return services.AddGossipSubServices();
    }

    /// <summary>Adds GossipSub with <paramref name="options"/> as given (validated at start like bound options).</summary>
    public static IServiceCollection AddGossipSub(this IServiceCollection services, GossipSubServiceOptions? options = null)
    {
        services.AddValidatedOptions(options ?? new GossipSubServiceOptions(), GossipSubServiceOptions.SectionName, path => new GossipSubServiceOptionsValidator(path));
        return services.AddGossipSubServices();
    }

    private static IServiceCollection AddGossipSubServices(this IServiceCollection services)
    {
        services.AddSingleton(provider => new HostPubSubAdapter(provider.GetRequiredService<Libp2pHost>()));
        services.AddSingleton(provider =>
        {
            var adapter = provider.GetRequiredService<HostPubSubAdapter>();
            return new GossipSubService(
                adapter,
                provider.GetRequiredService<PrivateKey>(),
                provider.GetRequiredService<IOptions<GossipSubServiceOptions>>().Value,
                adapter,
                provider.GetService<ILoggerFactory>());
        });
        services.AddHostedService(provider => provider.GetRequiredService<GossipSubService>());
        return services;
    }
}
