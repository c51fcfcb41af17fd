using DePinGpu.Ipfs.Gateway;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.UnixFs;
using DePinGpu.ProviderNode.Api;
using DePinGpu.ProviderNode.Bidding;
using DePinGpu.ProviderNode.Chain;
using DePinGpu.ProviderNode.Checkpoints;
using DePinGpu.ProviderNode.Connectivity;
using DePinGpu.ProviderNode.Diagnostics;
using DePinGpu.ProviderNode.Drain;
using DePinGpu.ProviderNode.Inventory;
using DePinGpu.ProviderNode.Pricing;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.ProviderNode.Gossip;
using DePinGpu.ProviderNode.Heartbeat;
using DePinGpu.Protocol.JobSpecs;
using DePinGpu.ProviderNode.Leases;
using DePinGpu.ProviderNode.Network;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.ProviderNode.Replication;
using DePinGpu.ProviderNode.Specs;
using DePinGpu.ProviderNode.Verifier;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Validation;
using DePinGpu.Protocol.Hosting;
using DePinGpu.Protocol.Wallets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Configuration;

/// <summary>Composes the daemon from the libraries' registrations and its own subsystems.</summary>
public static class ProviderNodeServiceCollectionExtensions
{
    /// <summary>
    /// Registers everything <c>depin-node run</c> runs, with options bound from <paramref name="configuration"/>
    /// (sections Node, Chain, Bidding, Heartbeat, Api, Execution, Checkpoints, ContentStore, Gateway) and validated at
    /// start. The node's subsystems are registered before the chain event stream so that they subscribe to the event
    /// bus before the first event is delivered.
    /// </summary>
    public static IServiceCollection AddProviderNode(this IServiceCollection services, IConfiguration configuration, WalletKey operatorKey)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(operatorKey);
        var node = configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
        services.AddValidated<NodeOptions>(configuration, NodeOptions.Section);
        services.AddValidated<BiddingOptions>(configuration, BiddingOptions.Section);
        services.AddValidated<HeartbeatOptions>(configuration, HeartbeatOptions.Section);
        services.AddValidated<ApiOptions>(configuration, ApiOptions.Section);
        services.AddChainConnection(configuration.GetSection("Chain"));
        services.AddChainSigningKey(_ => operatorKey);
        services.AddContentStore(configuration.GetSection(ContentStoreServiceCollectionExtensions.SectionName));
        services.AddTrustlessGatewayEndpoints(configuration.GetSection(TrustlessGatewayServiceCollectionExtensions.SectionName));
        services.AddNodeNetwork(configuration, operatorKey);
        services.AddNodeGossip(configuration);
        AddExecution(services, configuration);
        AddCore(services, node.DataDirectory);
        services.AddHostedService<SpecsService>();
        services.AddSingleton<OfferEvaluator>();
        services.AddHostedService<BiddingService>();
        services.AddHostedService(provider => provider.GetRequiredService<LeaseService>());
        services.AddHostedService<HeartbeatService>();
        services.AddCheckpointReplication(configuration, node.DataDirectory);
        services.AddChainConnectivity(configuration);
        services.AddChainEvents(configuration.GetSection("Chain:Events"));
        services.AddChainEventHandler<ChainEventTranslator>();
        services.AddHostedService<ChainRollbackReconciler>();
        services.AddVerifier(configuration);
        services.AddNodeApi();
        services.AddNodeApiRateLimiting(configuration);
        services.AddDrain(configuration);
        services.AddPricing(configuration);
        services.AddInventory(configuration);
        return services;
    }

    private static void AddCore(IServiceCollection services, string dataDirectory)
    {
        services.AddMetrics();
        services.AddSingleton<NodeEventBus>();
        services.AddSingleton<NodeMetrics>();
        services.AddSingleton<ProviderAccount>();
        services.AddSingleton<HeartbeatState>();
        services.AddSingleton<OpenOrderBook>();
        services.AddSingleton(provider => new SpecStore(provider.GetRequiredService<ContentStore>(), provider.GetRequiredService<OpenOrderBook>(), provider.GetService<Ipfs.Fetching.IContentFetcher>()));
        services.AddSingleton(_ => new LeaseStore(Path.Combine(dataDirectory, "leases.db")));
        services.AddSingleton(_ => new UnixFsImporter());
        services.AddSingleton(provider => new LeaseRunContext(
            provider.GetRequiredService<MarketClient>(),
            provider.GetRequiredService<SpecStore>(),
            provider.GetRequiredService<LeaseStore>(),
            provider.GetRequiredService<WorkloadSupervisor>(),
            provider.GetRequiredService<CheckpointWatcherFactory>(),
            provider.GetRequiredService<ContentStore>(),
            provider.GetRequiredService<UnixFsImporter>(),
            Path.Combine(dataDirectory, "workloads"),
            provider.GetRequiredService<IOptions<BiddingOptions>>().Value.SpecWait,
            provider.GetRequiredService<NodeMetrics>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<LeaseRun>(),
            provider.GetRequiredService<NodeEventBus>(),
            provider.GetRequiredService<CheckpointHolders>(),
            provider.GetRequiredService<CommittedCheckpointExporter>(),
            provider.GetRequiredService<IOptions<ReplicationOptions>>().Value.CommitWait,
            provider.GetService<LeaseCalls>()));
        services.AddSingleton<LeaseService>();
    }

    private static void AddExecution(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExecutionOptions>().Bind(configuration.GetSection(ExecutionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExecutionOptions>, ExecutionOptionsValidator>();
        services.AddOptions<CheckpointWatcherOptions>().Bind(configuration.GetSection(CheckpointWatcherOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CheckpointWatcherOptions>, CheckpointWatcherOptionsValidator>();
        services.AddSingleton(provider => new ExecutionMetrics(provider.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton(provider => new CheckpointMetrics(provider.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        var bidding = configuration.GetSection(BiddingOptions.Section).Get<BiddingOptions>() ?? new BiddingOptions();
        var execution = configuration.GetSection(ExecutionOptions.Section).Get<ExecutionOptions>() ?? new ExecutionOptions();
        if (bidding.Validate().Count == 0 && bidding.Runtimes.Contains(WorkloadRuntimeKind.Docker))
        {
            services.AddSingleton<IWorkloadRuntime, DockerWorkloadRuntime>();
        }

        if (execution.EnableProcessRuntime)
        {
            services.AddSingleton<IWorkloadRuntime, ProcessWorkloadRuntime>();
        }

        services.AddSingleton<WorkloadSupervisor>();
        services.AddSingleton<CheckpointWatcherFactory>();
    }

    private static void AddValidated<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class, IValidatedOptions
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new SectionOptionsValidator<TOptions>(section));
    }
}
