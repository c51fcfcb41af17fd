using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>
/// Runs a set of <c>AddX</c> registrations the way the Generic Host does, without one: validates options marked
/// <c>ValidateOnStart</c>, starts every <see cref="IHostedService"/> in registration order, and on dispose stops them in
/// reverse order and disposes the container. Tests and benchmarks use it so they run the very composition a daemon
/// registers; a daemon uses the Generic Host itself.
/// </summary>
public sealed class ServiceNode : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _started = [];
    private readonly TimeSpan _shutdownTimeout;
    private int _disposed;

    private ServiceNode(ServiceProvider provider, TimeSpan shutdownTimeout)
    {
        _provider = provider;
        _shutdownTimeout = shutdownTimeout;
    }

    /// <summary>The container; resolve the composed parts from it.</summary>
    public IServiceProvider Services => _provider;

    /// <summary>Builds the container from <paramref name="services"/> and starts its hosted services.</summary>
    public static async Task<ServiceNode> StartAsync(IServiceCollection services, TimeSpan? shutdownTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Without a logging registration (tests, benchmarks) the parts log nowhere, as when built by hand.
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.TryAddSingleton(typeof(ILogger<>), typeof(Logger<>));
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var node = new ServiceNode(provider, shutdownTimeout ?? TimeSpan.FromSeconds(10));
        try
        {
            if (provider.GetService<IAsyncStartupValidator>() is { } validator)
            {
                await validator.ValidateAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var service in provider.GetServices<IHostedService>())
            {
                await service.StartAsync(cancellationToken).ConfigureAwait(false);
                node._started.Add(service);
            }
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return node;
    }

    /// <summary>The registered <typeparamref name="T"/>; throws when there is none.</summary>
    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>Stops the started services in reverse order (within the shutdown timeout), then disposes the container.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(_shutdownTimeout);
        for (var index = _started.Count - 1; index >= 0; index--)
        {
            await _started[index].StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _provider.DisposeAsync().ConfigureAwait(false);
    }
}
