using DePinGpu.ProviderNode.Chain;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Rpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Connectivity;

/// <summary>
/// Probes the chain (the provider's record, through whichever RPC endpoint answers) when <see cref="ProbeSchedule"/> says
/// so, and at once when the event stream's head poll finds the chain gone or back (<see cref="ChainHead"/>), and keeps
/// <see cref="ChainConnectivity"/> current. When the chain answers after a loss (or for the
/// first time), every active lease is read back before commits go out again; while it does not, the
/// <see cref="ChainLossGuard"/> stops the workloads whose spec asks for it once the heartbeat is overdue.
/// </summary>
public sealed class ChainConnectivityMonitor : BackgroundService
{
    private readonly ChainConnectivity _connectivity;
    private readonly RegistryClient _registry;
    private readonly EthereumRpc _rpc;
    private readonly ProviderAccount _account;
    private readonly LeaseReconciler _reconciler;
    private readonly ChainLossGuard _guard;
    private readonly ChainHead _head;
    private readonly NodeEventBus _bus;
    private readonly ConnectivityOptions _options;
    private readonly ILogger<ChainConnectivityMonitor> _logger;
    private TimeSpan? _heartbeatTimeout;

    /// <summary>Creates the monitor; it probes once the host starts it.</summary>
    public ChainConnectivityMonitor(ChainConnectivity connectivity, RegistryClient registry, EthereumRpc rpc, ProviderAccount account, LeaseReconciler reconciler,
        ChainLossGuard guard, ChainHead head, NodeEventBus bus, IOptions<ConnectivityOptions> options, ILogger<ChainConnectivityMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connectivity = connectivity;
        _registry = registry;
        _rpc = rpc;
        _account = account;
        _reconciler = reconciler;
        _guard = guard;
        _head = head;
        _bus = bus;
        _options = options.Value;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before the probe: a flip while it runs wakes the next wait at once.
            var flipped = _head.NextFlip;
            await ProbeAsync(stoppingToken).ConfigureAwait(false);
            await _guard.EnforceAsync(DateTimeOffset.UtcNow, stoppingToken).ConfigureAwait(false);
            _connectivity.ProbeEnded();
            await WaitAsync(ProbeSchedule.Delay(_options, _connectivity, _guard.HasStoppedWorkloads, DateTimeOffset.UtcNow), flipped, stoppingToken).ConfigureAwait(false);
        }
    }

    private static async Task WaitAsync(TimeSpan delay, Task flipped, CancellationToken stoppingToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var elapsed = Task.Delay(delay, waiting.Token);
        await Task.WhenAny(elapsed, flipped).ConfigureAwait(false);
        // Ends the timer when the flip came first (no timer left behind per wait).
        await waiting.CancelAsync().ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();
    }

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await _account.OwnerAsync(cancellationToken).ConfigureAwait(false) is not { } owner)
            {
                // Not registered yet: no lease, no heartbeat to watch; the chain answered.
                _connectivity.Reached(default, TimeSpan.MaxValue, _rpc.Client.PreferredEndpoint, DateTimeOffset.UtcNow);
                _connectivity.Reconciled();
                return;
            }

            _heartbeatTimeout ??= (await _registry.GetParametersAsync(cancellationToken).ConfigureAwait(false)).HeartbeatTimeout;
            var provider = await _registry.GetProviderAsync(owner, cancellationToken).ConfigureAwait(false);
            var regained = _connectivity.Reached(provider?.LastHeartbeat ?? default, _heartbeatTimeout.Value, _rpc.Client.PreferredEndpoint, DateTimeOffset.UtcNow);
            if (regained || !_connectivity.MayCommit)
            {
                var (read, moved) = await _reconciler.ReconcileAsync(owner, cancellationToken).ConfigureAwait(false);
                _connectivity.Reconciled();
                ConnectivityLog.ChainRegained(_logger, _connectivity.LastMinedHeartbeat, read, moved);
                _bus.Publish(new ChainRegained(_connectivity.LastMinedHeartbeat));
            }
        }
        catch (Exception exception) when (exception is RpcTransportException or RpcErrorException or RpcResponseFormatException or ContractRevertException or TimeoutException)
        {
            var now = DateTimeOffset.UtcNow;
            if (_connectivity.Lost(now))
            {
                ConnectivityLog.ChainLost(_logger, exception.Message);
                _bus.Publish(new ChainLost(now));
            }
            else
            {
                ConnectivityLog.StillLost(_logger, exception.Message);
            }
        }
    }
}
