using System.Threading.Channels;
using DePinGpu.ProviderNode.Connectivity;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Rpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Chain;

/// <summary>
/// After a reorg (<see cref="ChainRolledBack"/>) reads every lease this node runs back from the canonical chain and
/// ends, through the <see cref="LeaseReconciler"/>, each one the chain no longer gives it at that epoch: a standby that
/// started a lease on a report the reorg removed stops its workload at once (docs/protocol.md §8: the chain is the authority).
/// A read that fails is retried with back-off: a workload must not outlive the epoch that vanished.
/// </summary>
public sealed class ChainRollbackReconciler : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(15);
    private readonly NodeEventBus _bus;
    private readonly ProviderAccount _account;
    private readonly LeaseReconciler _reconciler;
    private readonly ILogger<ChainRollbackReconciler> _logger;
    private ChannelReader<ChainRolledBack>? _rollbacks;

    /// <summary>Creates the service; it subscribes when it starts.</summary>
    public ChainRollbackReconciler(NodeEventBus bus, ProviderAccount account, LeaseReconciler reconciler, ILogger<ChainRollbackReconciler> logger)
    {
        _bus = bus;
        _account = account;
        _reconciler = reconciler;
        _logger = logger;
    }

    /// <inheritdoc />
    /// <remarks>Subscribes before it returns, so no rollback published after the start is missed.</remarks>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _rollbacks = _bus.Subscribe<ChainRolledBack>();
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var rollback in _rollbacks!.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            await ReconcileAsync(rollback, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the leases back after <paramref name="rollback"/>, retrying until the chain answers.</summary>
    public async Task ReconcileAsync(ChainRolledBack rollback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollback);
        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await _account.OwnerAsync(cancellationToken).ConfigureAwait(false) is not { } owner)
                {
                    return;
                }

                var (read, moved) = await _reconciler.ReconcileAsync(owner, cancellationToken).ConfigureAwait(false);
                ChainLog.LeasesReadBackAfterReorg(_logger, rollback.ReachedBlock, rollback.CanonicalBlock, read, moved);
                return;
            }
            catch (Exception exception) when (exception is RpcTransportException or RpcErrorException or RpcResponseFormatException or ContractRevertException or TimeoutException)
            {
                ChainLog.ReadBackAfterReorgFailed(_logger, attempt, delay, exception.Message);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetryDelay.Ticks));
            }
        }
    }
}
