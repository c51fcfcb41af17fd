using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.Ipfs.Storage;

/// <summary>Registers the node's <see cref="ContentStore"/> (and its <see cref="IBlockStore"/>), with a health check.</summary>
public static class ContentStoreServiceCollectionExtensions
{
    /// <summary>The configuration section <c>AddContentStore</c> reads by default.</summary>
    public const string SectionName = "ContentStore";

    /// <summary>
    /// Adds a file-system store opened at start-up from the block-store options bound from <paramref name="section"/>
    /// (<c>RootPath</c> is required; the pins live in <c>pins.db</c> there).
    /// </summary>
    public static IServiceCollection AddContentStore(this IServiceCollection services, IConfiguration section)
    {
        services.AddValidatedOptions(section, path => new BlockStoreOptionsValidator(path));
        return services.AddContentStoreServices(provider => ContentStore.Open(
            provider.GetRequiredService<IOptions<BlockStoreOptions>>().Value, provider.GetService<ILoggerFactory>()));
    }

    /// <summary>Adds a store over <paramref name="blocks"/> (owned by the caller) with pins per <paramref name="options"/>.</summary>
    public static IServiceCollection AddContentStore(this IServiceCollection services, IBlockStore blocks, ContentStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(options);
        return services.AddContentStoreServices(provider => new ContentStore(blocks, options, provider.GetService<ILogger<ContentStore>>()));
    }

    private static IServiceCollection AddContentStoreServices(this IServiceCollection services, Func<IServiceProvider, ContentStore> open)
    {
        services.AddSingleton(open);
        services.AddSingleton(provider => provider.GetRequiredService<ContentStore>().Blocks);
        services.AddHealthChecks().AddCheck<ContentStoreHealthCheck>(ContentStoreHealthCheck.Name, tags: ["ipfs"]);
        return services;
    }
}
