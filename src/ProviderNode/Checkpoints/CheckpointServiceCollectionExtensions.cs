using DePinGpu.Ipfs.UnixFs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Checkpoints;

/// <summary>Registers the checkpoint watcher factory.</summary>
public static class CheckpointServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="CheckpointWatcherFactory"/>, a Kubo-compatible <see cref="UnixFsImporter"/> and validated
    /// <see cref="CheckpointWatcherOptions"/> bound to <c>Checkpoints</c>. The node's <c>ContentStore</c> is registered
    /// by the IPFS layer's own registration.
    /// </summary>
    public static IServiceCollection AddCheckpointWatchers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CheckpointWatcherOptions>().Bind(configuration.GetSection(CheckpointWatcherOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CheckpointWatcherOptions>, CheckpointWatcherOptionsValidator>());
        services.TryAddSingleton<CheckpointMetrics>();
        services.TryAddSingleton(_ => new UnixFsImporter());
        services.TryAddSingleton<CheckpointWatcherFactory>();
        return services;
    }
}
