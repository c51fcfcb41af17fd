using DePinGpu.ProviderNode.Chain;
using DePinGpu.ProviderNode.Connectivity;
using DePinGpu.ProviderNode.Diagnostics;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Transactions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nethereum.Contracts;
using Registry = DePinGpu.Protocol.Contracts.ProviderRegistry.ContractDefinition;

namespace DePinGpu.ProviderNode.Heartbeat;

/// <summary>
/// One on-chain heartbeat per interval for the whole provider (never one per lease), handed to the node without
/// waiting for its receipt: the transaction watcher re-sends it if the node drops it. Losing the RPC is not losing
/// the lease: a round that cannot reach the chain is logged and the next one tries again; workloads keep running.
/// </summary>
public sealed class HeartbeatService : BackgroundService
{
    private readonly TransactionSender _sender;
    private readonly RegistryClient _registry;
    private readonly ProviderAccount _account;
    private readonly HeartbeatState _state;
    private readonly ChainConnectivity _connectivity;
    private readonly HeartbeatOptions _options;
    private readonly NodeMetrics _metrics;
    private readonly ILogger<HeartbeatService> _logger;
    private TransactionIntent? _heartbeatCall;

    /// <summary>Creates the service.</summary>
    public HeartbeatService(TransactionSender sender, RegistryClient registry, ProviderAccount account, HeartbeatState state, ChainConnectivity connectivity,
        IOptions<HeartbeatOptions> options, NodeMetrics metrics, ILogger<HeartbeatService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sender = sender;
        _registry = registry;
        _account = account;
        _state = state;
        _connectivity = connectivity;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(await IntervalAsync(stoppingToken).ConfigureAwait(false));
        do
        {
            try
            {
                await BeatAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is RpcTransportException or RpcErrorException or ContractRevertException or TimeoutException or HttpRequestException)
            {
                _state.Failed();
                _metrics.HeartbeatFailed();
                NodeLog.HeartbeatFailed(_logger, _state.ConsecutiveFailures, exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>The same call every time: encoded once.</summary>
    private TransactionIntent HeartbeatCall => _heartbeatCall ??= TransactionIntent.Create(_registry.Address, new Registry.HeartbeatFunction().GetCallData(), "heartbeat");

    /// <summary>The configured interval, else the registry's: a default that ignored the chain could miss its timeout.</summary>
    private async Task<TimeSpan> IntervalAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var parameters = await _registry.GetParametersAsync(cancellationToken).ConfigureAwait(false);
                var interval = _options.Interval ?? parameters.HeartbeatInterval;
                HeartbeatLog.IntervalChosen(_logger, interval, _options.Interval is null ? "the registry's heartbeatInterval" : "Heartbeat:Interval", parameters.HeartbeatTimeout);
                if (interval >= parameters.HeartbeatTimeout)
                {
                    HeartbeatLog.IntervalTooLong(_logger, interval, parameters.HeartbeatTimeout);
                }

                return interval;
            }
            catch (Exception exception) when (exception is RpcTransportException or RpcErrorException or TimeoutException or HttpRequestException)
            {
                HeartbeatLog.ParametersUnreadable(_logger, attempt, delay, exception.Message);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        if (await _account.OwnerAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            NodeLog.HeartbeatSkipped(_logger, _account.Operator);
            return;
        }

        // The last mined heartbeat comes from the connectivity probe, which reads the provider's record anyway: a read
        // here too was one more call and ABI decode per beat, the most frequent thing an idle node does.
        var sent = await _sender.SubmitWatchedAsync(HeartbeatCall, cancellationToken).ConfigureAwait(false);
        _state.Sent(DateTimeOffset.UtcNow, _connectivity.LastMinedHeartbeat);
        _metrics.HeartbeatSent();
        NodeLog.HeartbeatSent(_logger, sent.Hash);
    }
}
