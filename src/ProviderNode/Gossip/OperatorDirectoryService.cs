using DePinGpu.Protocol.Clients;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>
/// Reads the registry's operators into the <see cref="OperatorDirectory"/> at start, again every
/// <see cref="GossipOptions.DirectoryRefreshInterval"/> and after a chain reorganisation; registry events keep it
/// current in between. A failed read is retried with back-off (the validators ignore, rather than reject, messages
/// until the first read succeeds).
/// </summary>
public sealed class OperatorDirectoryService : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(30);

    private readonly OperatorDirectory _directory;
    private readonly RegistryClient _registry;
    private readonly GossipOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OperatorDirectoryService> _logger;
    private readonly SemaphoreSlim _reload = new(0, 1);

    /// <summary>Creates the service; nothing is read until it starts.</summary>
    public OperatorDirectoryService(OperatorDirectory directory, RegistryClient registry, GossipOptions options, TimeProvider time, ILogger<OperatorDirectoryService> logger)
    {
        _directory = directory;
        _registry = registry;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Asks for a fresh read of the registry as soon as possible.</summary>
    public void RequestReload()
    {
        if (_reload.CurrentCount == 0)
        {
            try
            {
                _reload.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller requested the same reload a moment earlier; one pending reload is enough.
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await LoadAsync(stoppingToken).ConfigureAwait(false);
                delay = FirstRetryDelay;
                await _reload.WaitAsync(_options.DirectoryRefreshInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                GossipLog.DirectoryLoadFailed(_logger, exception, delay);
                await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetryDelay.Ticks));
            }
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var owners = await _registry.ListProvidersAsync(cancellationToken).ConfigureAwait(false);
        var providers = new List<ProviderDetails>(owners.Count);
        foreach (var owner in owners)
        {
            if (await _registry.GetProviderAsync(owner, cancellationToken).ConfigureAwait(false) is { } details)
            {
                providers.Add(details);
            }
        }

        _directory.Load(providers);
        GossipLog.DirectoryLoaded(_logger, providers.Count);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _reload.Dispose();
        base.Dispose();
    }
}
