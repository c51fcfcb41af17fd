using DePinGpu.Ipfs.Bitswap;
using DePinGpu.Ipfs.Fetching;
using DePinGpu.Ipfs.Gateway;
using DePinGpu.Ipfs.Storage;
using DePinGpu.ProviderNode.Bidding;
using DePinGpu.ProviderNode.Checkpoints;
using DePinGpu.ProviderNode.Chain;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.ProviderNode.Leases;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.ProviderNode.Specs;
using DePinGpu.ProviderNode.Standby;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Hosting;
using DePinGpu.Protocol.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Replication;

/// <summary>Registers the standby, replication and hand-over subsystems of the daemon.</summary>
public static class ReplicationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the standby records (<c>standbys.db</c>) and their preparation, checkpoint replication (<c>replicas.db</c>,
    /// options bound from <c>Replication</c>), the registry of standbys holding checkpoints that gates commits, the preparation of a hand-over
    /// when the active provider goes quiet on gossip (<see cref="StandbyPreparer"/>), the
    /// exporter of committed checkpoints for hand-overs, replacement offers for reopened leases, the chain check a restarted node makes before resuming, and the
    /// chain event handler for standbys. When <c>GatewayClient:Gateways</c> is configured, trustless gateways also serve
    /// as the node's content fetcher, after Bitswap when the network is composed (<see cref="FallbackContentFetcher"/>). Call it before the chain event
    /// stream is added, so that the services subscribe before the first event.
    /// </summary>
    public static IServiceCollection AddCheckpointReplication(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ReplicationOptions>().Bind(configuration.GetSection(ReplicationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReplicationOptions>>(new SectionOptionsValidator<ReplicationOptions>(ReplicationOptions.Section));
        var gateways = configuration.GetSection(TrustlessGatewayServiceCollectionExtensions.ClientSectionName);
        if (gateways.GetSection("Gateways").GetChildren().Any())
        {
            services.AddGatewayClient(gateways);
            // Configured gateways are the fallback: Bitswap from peers first (when the network is composed), then them.
            services.Replace(ServiceDescriptor.Singleton<IContentFetcher>(provider =>
            {
                var gateway = new GatewayContentFetcher(provider.GetRequiredService<GatewayClient>(), provider.GetRequiredService<ContentStore>());
                return provider.GetService<BitswapNode>() is { } bitswap
                    ? new FallbackContentFetcher([new BitswapContentFetcher(bitswap), gateway])
                    : gateway;
            }));
        }

        services.AddSingleton(_ => new StandbyStore(Path.Combine(dataDirectory, "standbys.db")));
        services.AddSingleton(_ => new ReplicaStore(Path.Combine(dataDirectory, "replicas.db")));
        services.AddSingleton(provider => new ReplicationMetrics(provider.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton<CheckpointHolders>();
        services.AddSingleton<LeaseOwnership>();
        services.AddSingleton(provider => new PreparedResumes(provider.GetRequiredService<ContentStore>(), Path.Combine(dataDirectory, "workloads")));
        services.AddSingleton<SilenceWatch>();
        services.AddSingleton(provider => new CommittedCheckpointExporter(
            provider.GetRequiredService<ProtocolConnection>(), provider.GetRequiredService<ContentStore>(), provider.GetService<IContentFetcher>(),
            provider.GetRequiredService<PreparedResumes>()));
        services.AddHostedService(provider => provider.GetRequiredService<CheckpointHolders>());
        services.AddHostedService(provider => new StandbyService(
            provider.GetRequiredService<NodeEventBus>(),
            provider.GetRequiredService<StandbyStore>(),
            provider.GetRequiredService<MarketClient>(),
            provider.GetRequiredService<SpecStore>(),
            provider.GetRequiredService<IEnumerable<IWorkloadRuntime>>(),
            provider.GetRequiredService<IOptions<BiddingOptions>>().Value.SpecWait,
            provider.GetRequiredService<ILogger<StandbyService>>(),
            provider.GetService<ProviderAccount>()));
        services.AddHostedService(provider => new ReplicationService(
            provider.GetRequiredService<NodeEventBus>(),
            provider.GetRequiredService<StandbyStore>(),
            provider.GetRequiredService<ReplicaStore>(),
            provider.GetRequiredService<ContentStore>(),
            provider.GetService<IContentFetcher>(),
            provider.GetRequiredService<IOptions<ReplicationOptions>>(),
            provider.GetRequiredService<ReplicationMetrics>(),
            provider.GetRequiredService<ILogger<ReplicationService>>()));
        services.AddHostedService(provider => new StandbyPreparer(
            provider.GetRequiredService<NodeEventBus>(),
            provider.GetRequiredService<StandbyStore>(),
            provider.GetRequiredService<ReplicaStore>(),
            provider.GetRequiredService<PreparedResumes>(),
            provider.GetRequiredService<SilenceWatch>(),
            provider.GetRequiredService<IOptions<ReplicationOptions>>().Value.StandbySilence,
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetRequiredService<ILogger<StandbyPreparer>>(),
            PreparedContainers.Create(provider, Path.Combine(dataDirectory, "workloads"), provider.GetRequiredService<IOptions<BiddingOptions>>().Value.SpecWait)));
        services.AddHostedService<ReplacementOfferService>();
        services.AddChainEventHandler<StandbyChainEvents>();
        return services;
    }
}
