using System.Diagnostics.Metrics;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Diagnostics;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Transactions;
using DePinGpu.Protocol.Validation;
using DePinGpu.Protocol.Wallets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.Protocol.Hosting;

/// <summary>Registers the chain layer in a Generic Host: connection, clients, sender, watcher, event stream, health, metrics.</summary>
public static class ChainServiceCollectionExtensions
{
    /// <summary>Name of the <see cref="HttpClient"/> the JSON-RPC client uses (configure it further with <c>AddHttpClient(name)</c>).</summary>
    public const string HttpClientName = "DePinGpu.Chain";

    /// <summary>
    /// Binds <see cref="ChainOptions"/> from <paramref name="section"/> and <see cref="TransactionOptions"/> from its
    /// <c>Transactions</c> child, validated at start with messages that name the key; registers the JSON-RPC client
    /// (over <c>IHttpClientFactory</c>), the <see cref="ProtocolConnection"/>, the token, registry and market clients
    /// (read-only unless <see cref="AddChainSigningKey"/> is called), a start-up check of the node and the deployment,
    /// the <see cref="ChainMetrics"/> and the health check <c>chain</c>.
    /// </summary>
    public static IServiceCollection AddChainConnection(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        AddValidatedOptions<ChainOptions>(services, section);
        AddValidatedOptions<TransactionOptions>(services, section.GetSection("Transactions"));
        services.AddHttpClient(HttpClientName, (provider, http) => http.Timeout = provider.GetRequiredService<IOptions<ChainOptions>>().Value.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(JsonRpcClient.CreateHandler)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(provider => provider.GetService<IMeterFactory>() is { } meters ? new ChainMetrics(meters) : ChainMetrics.Shared);
        services.TryAddSingleton(provider => new EthereumRpc(new JsonRpcClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            provider.GetRequiredService<IOptions<ChainOptions>>().Value.RpcEndpoints())));
        services.TryAddSingleton(provider => ProtocolConnection.Open(
            provider.GetRequiredService<IOptions<ChainOptions>>().Value,
            provider.GetRequiredService<EthereumRpc>(),
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetRequiredService<ChainMetrics>()));
        services.TryAddSingleton(provider => provider.GetRequiredService<ProtocolConnection>().Head);
        AddClients(services);
        services.AddHostedService<ChainConnectionCheck>();
        services.AddHealthChecks().AddCheck<ChainHealthCheck>("chain", tags: ["chain"]);
        return services;
    }

    /// <summary>
    /// Makes the chain clients send from <paramref name="key"/> (resolved once), registers the
    /// <see cref="TransactionSender"/> and the <see cref="TransactionWatcher"/> that re-sends watched transactions
    /// the node drops.
    /// </summary>
    public static IServiceCollection AddChainSigningKey(this IServiceCollection services, Func<IServiceProvider, WalletKey> key)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(key);
        services.TryAddSingleton(provider => new ChainSigningKey(key(provider)));
        services.TryAddSingleton(provider => provider.GetRequiredService<ProtocolConnection>().CreateSender(
            provider.GetRequiredService<ChainSigningKey>().Key,
            provider.GetRequiredService<IOptions<TransactionOptions>>().Value));
        services.AddHostedService<TransactionWatcher>();
        return services;
    }

    /// <summary>
    /// Binds <see cref="ChainEventsOptions"/> from <paramref name="section"/> (validated at start) and runs the
    /// <see cref="ChainEventService"/>, which delivers events to every handler added with
    /// <see cref="AddChainEventHandler{THandler}"/>.
    /// </summary>
    public static IServiceCollection AddChainEvents(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        AddValidatedOptions<ChainEventsOptions>(services, section);
        services.TryAddSingleton<ChainEventService>();
        services.AddHostedService(provider => provider.GetRequiredService<ChainEventService>());
        return services;
    }

    /// <summary>Adds an (idempotent) handler of the host's chain events; handlers run in the order they are added.</summary>
    public static IServiceCollection AddChainEventHandler<THandler>(this IServiceCollection services)
        where THandler : class, IChainEventHandler
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<THandler>();
        services.AddSingleton<IChainEventHandler>(provider => provider.GetRequiredService<THandler>());
        return services;
    }

    private static void AddValidatedOptions<TOptions>(IServiceCollection services, IConfiguration section)
        where TOptions : class, IValidatedOptions
    {
        var path = section is IConfigurationSection named ? named.Path : string.Empty;
        services.AddOptions<TOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(new SectionOptionsValidator<TOptions>(path)));
    }

    private static void AddClients(IServiceCollection services)
    {
        services.TryAddSingleton(provider => new TokenClient(
            provider.GetRequiredService<ProtocolConnection>().Rpc,
            provider.GetRequiredService<ProtocolConnection>().Deployment.Contracts.StakeToken,
            provider.GetService<TransactionSender>(),
            provider.GetRequiredService<ProtocolConnection>().Reverts));
        services.TryAddSingleton(provider =>
        {
            var connection = provider.GetRequiredService<ProtocolConnection>();
            return new RegistryClient(connection.Rpc, connection.Deployment.Contracts.Registry, provider.GetRequiredService<TokenClient>(), provider.GetService<TransactionSender>(), connection.Reverts, connection.Events);
        });
        services.TryAddSingleton(provider =>
        {
            var connection = provider.GetRequiredService<ProtocolConnection>();
            return new MarketClient(
                connection.Rpc,
                connection.Deployment.Contracts.Market,
                provider.GetRequiredService<TokenClient>(),
                provider.GetService<ChainSigningKey>()?.Key,
                connection.Deployment.ChainId,
                provider.GetService<TransactionSender>(),
                connection.Reverts,
                connection.Events);
        });
    }
}
