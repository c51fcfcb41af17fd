using DePinGpu.Ipfs.Bitswap;
using DePinGpu.Ipfs.Fetching;
using DePinGpu.Ipfs.Gateway;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Libp2p.Discovery;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.ProviderNode.Gossip;
using DePinGpu.Protocol.Validation;
using DePinGpu.Protocol.Wallets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Network;

/// <summary>Registers the daemon's libp2p network: host, discovery, GossipSub and Bitswap over its content store.</summary>
public static class NetworkServiceCollectionExtensions
{
    /// <summary>
    /// Adds the libp2p host with <paramref name="operatorKey"/> as its identity (so its peer id is the one the registry
    /// holds for the operator), listening where the <c>Network</c> section says; discovery from its bootstrap peers
    /// (and mDNS when enabled); GossipSub (StrictSign with the operator key); Bitswap over the daemon's content store,
    /// which also becomes the node's <see cref="Ipfs.Fetching.IContentFetcher"/>; and the dialling of registered
    /// providers' nodes. Needs <c>AddContentStore</c> and, for the registry, <c>AddNodeGossip</c>'s directory.
    /// </summary>
    public static IServiceCollection AddNodeNetwork(this IServiceCollection services, IConfiguration configuration, WalletKey operatorKey)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(operatorKey);
        var section = configuration.GetSection(NetworkOptions.Section);
        var network = section.Get<NetworkOptions>() ?? new NetworkOptions();
        services.AddOptions<NetworkOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NetworkOptions>>(new SectionOptionsValidator<NetworkOptions>(NetworkOptions.Section));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<NetworkOptions>>().Value);

        // Invalid settings fail the start through the validator above; until then nothing is parsed from them.
        var valid = network.Validate().Count == 0;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PrivateKey>(_ => operatorKey.ToLibp2pPrivateKey());
        services.AddLibp2pHost(new Libp2pHostOptions
        {
            ListenAddresses = valid ? network.ParsedListenAddresses : [],
            AgentVersion = "depin-node/0.1.0",
        });
        services.AddPeerDiscovery(new PeerDiscoveryOptions
        {
            BootstrapPeers = valid ? network.ParsedBootstrapPeers : [],
            Mdns = new MdnsOptions { Enabled = network.Mdns },
        });
        services.AddGossipSub(new GossipSubServiceOptions());
        // The Bitswap section is optional (defaults when absent); e.g. Bitswap:Client:MisbehavingPeerBan.
        services.AddBitswap(configuration.GetSection(BitswapNodeOptions.SectionName));
        if (network.DiscoverRegisteredProviders)
        {
            var gateways = valid ? network.ParsedMetadataGateways : [];
            services.AddHostedService(provider => new RegistryPeerDiscovery(
                provider.GetRequiredService<Libp2pHost>(),
                provider.GetRequiredService<OperatorDirectory>(),
                provider.GetRequiredService<IContentFetcher>(),
                gateways.Count == 0 ? null : new GatewayClient(new GatewayClientOptions { Gateways = [.. gateways] }),
                provider.GetRequiredService<ContentStore>(),
                provider.GetRequiredService<NetworkOptions>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<RegistryPeerDiscovery>>()));
        }

        return services;
    }
}
