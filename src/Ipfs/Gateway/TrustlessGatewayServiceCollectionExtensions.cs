using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Fetching;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Libp2p.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// Registers the trustless gateway over the store of <c>AddContentStore</c>, in one of two forms: its own Kestrel
/// listener as a hosted service (<see cref="AddTrustlessGateway(IServiceCollection, IConfiguration)"/>), or endpoints
/// to mount in the application's own ASP.NET Core pipeline with <c>app.MapTrustlessGateway()</c>
/// (<see cref="AddTrustlessGatewayEndpoints(IServiceCollection, IConfiguration)"/>; the listen settings are then unused).
/// Also the gateway client as an <see cref="IContentFetcher"/>.
/// </summary>
public static class TrustlessGatewayServiceCollectionExtensions
{
    /// <summary>The configuration section the gateway is read from by default.</summary>
    public const string SectionName = "Gateway";

    /// <summary>The configuration section the gateway client is read from by default.</summary>
    public const string ClientSectionName = "GatewayClient";

    /// <summary>Adds the standalone gateway (its own listener) with options bound from <paramref name="section"/>.</summary>
    public static IServiceCollection AddTrustlessGateway(this IServiceCollection services, IConfiguration section)
    {
        services.AddTrustlessGatewayEndpoints(section);
        services.AddSingleton(provider => new TrustlessGateway(
            provider.GetRequiredService<IBlockStore>(), provider.GetRequiredService<IOptions<GatewayOptions>>().Value, provider.GetService<ILoggerFactory>()));
        services.AddHostedService(provider => provider.GetRequiredService<TrustlessGateway>());
        return services;
    }

    /// <summary>Adds the gateway's request handling for <c>app.MapTrustlessGateway()</c>, with limits bound from <paramref name="section"/>.</summary>
    public static IServiceCollection AddTrustlessGatewayEndpoints(this IServiceCollection services, IConfiguration section)
    {
        services.AddValidatedOptions(section, path => new GatewayOptionsValidator(path));
        services.TryAddSingleton(provider => new GatewayRequestHandler(
            provider.GetRequiredService<IBlockStore>(),
            provider.GetRequiredService<IOptions<GatewayOptions>>().Value,
            (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<TrustlessGateway>()));
        return services;
    }

    /// <summary>
    /// Adds a <see cref="GatewayClient"/> (options bound from <paramref name="section"/>) and, unless another fetcher is
    /// registered first, a <see cref="GatewayContentFetcher"/> as the <see cref="IContentFetcher"/>.
    /// </summary>
    public static IServiceCollection AddGatewayClient(this IServiceCollection services, IConfiguration section)
    {
        services.AddValidatedOptions(section, path => new GatewayClientOptionsValidator(path));
        services.AddSingleton(provider => new GatewayClient(
            provider.GetRequiredService<IOptions<GatewayClientOptions>>().Value, httpClient: null, provider.GetService<ILogger<GatewayClient>>()));
        services.TryAddSingleton<IContentFetcher>(provider => new GatewayContentFetcher(
            provider.GetRequiredService<GatewayClient>(), provider.GetRequiredService<ContentStore>()));
        return services;
    }
}
