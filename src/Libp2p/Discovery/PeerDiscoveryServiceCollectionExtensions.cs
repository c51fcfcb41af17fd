using DePinGpu.Libp2p.Configuration;
using DePinGpu.Libp2p.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.Libp2p.Discovery;

/// <summary>Registers <see cref="PeerDiscoveryService"/> (bootstrap, mDNS) on the host added by <c>AddLibp2pHost</c>.</summary>
public static class PeerDiscoveryServiceCollectionExtensions
{
    /// <summary>Adds discovery with options bound from <paramref name="section"/> (by default the <c>Discovery</c> section).</summary>
    public static IServiceCollection AddPeerDiscovery(this IServiceCollection services, IConfiguration section)
    {
        services.AddValidatedOptions(section, path => new PeerDiscoveryOptionsValidator(path));
        return services.AddPeerDiscoveryServices();
    }

    /// <summary>Adds discovery with <paramref name="options"/> as given (validated at start like bound options).</summary>
    public static IServiceCollection AddPeerDiscovery(this IServiceCollection services, PeerDiscoveryOptions options)
    {
        services.AddValidatedOptions(options, PeerDiscoveryOptions.SectionName, path => new PeerDiscoveryOptionsValidator(path));
        return services.AddPeerDiscoveryServices();
    }

    private static IServiceCollection AddPeerDiscoveryServices(this IServiceCollection services)
    {
        services.AddSingleton(provider =>
        {
            var host = provider.GetRequiredService<Libp2pHost>();
            return new PeerDiscoveryService(
                new HostPeerDialer(host),
                () => host.AdvertisedAddresses,
                provider.GetRequiredService<IOptions<PeerDiscoveryOptions>>().Value,
                provider.GetService<ILoggerFactory>());
        });
        services.AddHostedService(provider => provider.GetRequiredService<PeerDiscoveryService>());
        return services;
    }
}
