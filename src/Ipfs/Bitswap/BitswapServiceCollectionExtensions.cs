using DePinGpu.Ipfs.Bitswap.Network;
using DePinGpu.Ipfs.Fetching;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Libp2p.Configuration;
using DePinGpu.Libp2p.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.Ipfs.Bitswap;

/// <summary>
/// Registers Bitswap over the host of <c>AddLibp2pHost</c> and the store of <c>AddContentStore</c>: the libp2p binding,
/// the <see cref="BitswapNode"/> as a hosted service (it starts the binding after wiring it), and the node as the
/// application's <see cref="IContentFetcher"/> unless one is registered already.
/// </summary>
public static class BitswapServiceCollectionExtensions
{
    /// <summary>Adds Bitswap with options bound from <paramref name="section"/> (by default the <c>Bitswap</c> section).</summary>
    public static IServiceCollection AddBitswap(this IServiceCollection services, IConfiguration section)
    {
        services.AddValidatedOptions(section, path => new BitswapNodeOptionsValidator(path));
        return services.AddBitswapServices();
    }

    /// <summary>Adds Bitswap with <paramref name="options"/> as given (validated at start like bound options).</summary>
    public static IServiceCollection AddBitswap(this IServiceCollection services, BitswapNodeOptions? options = null)
    {
        services.AddValidatedOptions(options ?? new BitswapNodeOptions(), BitswapNodeOptions.SectionName, path => new BitswapNodeOptionsValidator(path));
        return services.AddBitswapServices();
    }

    private static IServiceCollection AddBitswapServices(this IServiceCollection services)
    {
        services.AddSingleton(provider => new Libp2pBitswapNetwork(
            provider.GetRequiredService<Libp2pHost>(),
            provider.GetRequiredService<IOptions<BitswapNodeOptions>>().Value.Network,
            provider.GetService<ILogger<Libp2pBitswapNetwork>>()));
        services.AddSingleton(provider => new BitswapNode(
            provider.GetRequiredService<ContentStore>(),
            provider.GetRequiredService<Libp2pBitswapNetwork>(),
            provider.GetRequiredService<IOptions<BitswapNodeOptions>>().Value,
            provider.GetService<ILoggerFactory>()));
        services.AddHostedService(provider => provider.GetRequiredService<BitswapNode>());
        services.TryAddSingleton<IContentFetcher>(provider => new BitswapContentFetcher(provider.GetRequiredService<BitswapNode>()));
        return services;
    }
}
