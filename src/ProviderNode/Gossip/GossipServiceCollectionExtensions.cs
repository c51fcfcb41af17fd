using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Hosting;
using DePinGpu.Protocol.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>Registers the gossip topics (docs/gossip.md) on the GossipSub service of <c>AddNodeNetwork</c>.</summary>
public static class GossipServiceCollectionExtensions
{
    /// <summary>
    /// Adds the operator directory (read from the registry, kept current by its events), the lease cache, the
    /// validators and the <see cref="GossipService"/>, with options from the <c>Gossip</c> section. Needs the chain
    /// connection, the event bus, the provider account and the lease store of <c>AddProviderNode</c>.
    /// </summary>
    public static IServiceCollection AddNodeGossip(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GossipOptions>().Bind(configuration.GetSection(GossipOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GossipOptions>>(new SectionOptionsValidator<GossipOptions>(GossipOptions.Section));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<GossipOptions>>().Value);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new GossipMetrics(provider.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton<OperatorDirectory>();
        services.AddSingleton<SequenceTracker>();
        services.AddSingleton(provider => new LeaseParticipantsCache(
            ChainLeaseParticipants.Over(provider.GetRequiredService<MarketClient>()),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<GossipOptions>().LeaseRefreshInterval));
        services.AddSingleton(provider => new GossipValidator(
            provider.GetRequiredService<OperatorDirectory>(),
            provider.GetRequiredService<LeaseParticipantsCache>(),
            provider.GetRequiredService<SequenceTracker>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<GossipOptions>().MaxClockSkew));
        services.AddSingleton(provider =>
        {
            var deployment = provider.GetRequiredService<ProtocolConnection>().Deployment;
            return new GossipTopics(deployment.ChainId, deployment.Contracts.Market);
        });
        services.AddSingleton<ILocalGossipState, DaemonGossipState>();
        services.AddSingleton<OperatorDirectoryService>();
        services.AddHostedService(provider => provider.GetRequiredService<OperatorDirectoryService>());
        services.AddHostedService<GossipService>();
        services.AddSingleton<CapacityBoard>();
        services.AddHostedService<CapacityBoardService>();
        services.AddChainEventHandler<GossipChainEventHandler>();
        return services;
    }
}
