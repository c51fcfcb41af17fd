using DePinGpu.Protocol.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Connectivity;

/// <summary>Registers the chain connectivity subsystem.</summary>
public static class ConnectivityServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ConnectivityOptions"/> from the <c>Connectivity</c> section (validated at start) and registers
    /// <see cref="ChainConnectivity"/>, <see cref="LeaseReconciler"/>, <see cref="ChainLossGuard"/>,
    /// <see cref="LeaseCalls"/> and the hosted <see cref="ChainConnectivityMonitor"/>. Needs the chain connection,
    /// the provider account, the lease store and the node event bus.
    /// </summary>
    public static IServiceCollection AddChainConnectivity(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ConnectivityOptions>().Bind(configuration.GetSection(ConnectivityOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConnectivityOptions>>(new SectionOptionsValidator<ConnectivityOptions>(ConnectivityOptions.Section));
        services.AddSingleton<ChainConnectivity>();
        services.AddSingleton<LeaseReconciler>();
        services.AddSingleton<ChainLossGuard>();
        services.AddSingleton<LeaseCalls>();
        services.AddHostedService<ChainConnectivityMonitor>();
        return services;
    }
}
