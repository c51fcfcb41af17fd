using DePinGpu.ProviderNode.Chain;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Transactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Connectivity;

/// <summary>
/// Sends a lease's provider calls (commit, complete, release) so that a transient fault never loses one and a retry
/// never does one twice: a call that fails in transport (the RPC is out of reach, the answer was lost, it timed out) is
/// tried again with a growing delay, after the lease is read back from the chain: when the call already took effect
/// it is not sent again, when the lease is no longer this node's it is dropped. A revert that says the lease moved
/// ends the call the same way. Checkpoints are committed only while <see cref="ChainConnectivity.MayCommit"/>.
/// </summary>
public sealed class LeaseCalls
{
    private readonly MarketClient _market;
    private readonly ProviderAccount _account;
    private readonly ConnectivityOptions _options;
    private readonly ILogger<LeaseCalls> _logger;

    /// <summary>Creates the sender of lease calls.</summary>
    public LeaseCalls(ChainConnectivity connectivity, MarketClient market, ProviderAccount account, IOptions<ConnectivityOptions> options, ILogger<LeaseCalls> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Connectivity = connectivity;
        _market = market;
        _account = account;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>The node's reach to the chain (the commit path asks it before committing).</summary>
    public ChainConnectivity Connectivity { get; }

    /// <summary>
    /// Sends <paramref name="call"/> for <paramref name="lease"/> until it goes through; true when it did (or had
    /// already taken effect, as <paramref name="alreadyDone"/> tells from the lease on-chain), false when the lease is
    /// no longer this node's at its epoch. Other node answers and reverts are thrown.
    /// </summary>
    public async Task<bool> SendAsync(LeaseEpoch lease, string name, Func<CancellationToken, Task> call, Func<LeaseDetails, bool> alreadyDone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(alreadyDone);
        var delay = _options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await call(cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (ContractRevertException exception) when (IsLeaseGone(exception))
            {
                ConnectivityLog.LeaseCallAbandoned(_logger, name, lease.LeaseIdText, lease.Epoch, exception.Message);
                return false;
            }
            catch (Exception exception) when (IsTransient(exception))
            {
                ConnectivityLog.LeaseCallRetrying(_logger, name, lease.LeaseIdText, lease.Epoch, attempt, delay, exception.Message);
            }

            var onChain = await ReadBackAsync(lease, name, delay, cancellationToken).ConfigureAwait(false);
            delay = Longer(delay);
            if (onChain is not null && alreadyDone(onChain))
            {
                return true;
            }

            var owner = await _account.OwnerAsync(cancellationToken).ConfigureAwait(false);
            if (owner is null || !LeaseOnChain.IsHeldBy(onChain, owner, (long)lease.Epoch))
            {
                ConnectivityLog.LeaseCallAbandoned(_logger, name, lease.LeaseIdText, lease.Epoch, $"the chain says {onChain?.State}, epoch {onChain?.Epoch}, provider {onChain?.Provider}");
                return false;
            }
        }
    }

    /// <summary>True for the faults worth another try: the RPC out of reach or an answer that did not come in time.</summary>
    public static bool IsTransient(Exception exception) =>
        exception is RpcTransportException or TransactionTimeoutException or TimeoutException or HttpRequestException;

    /// <summary>True for a revert that says the lease is not this node's at this epoch any more.</summary>
    public static bool IsLeaseGone(ContractRevertException exception) =>
        exception is StaleEpochException or NotLeaseProviderException or InvalidLeaseStateException or LeaseNotFoundException;

    private async Task<LeaseDetails?> ReadBackAsync(LeaseEpoch lease, string name, TimeSpan delay, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            try
            {
                return await _market.GetLeaseAsync(lease.LeaseId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsTransient(exception))
            {
                delay = Longer(delay);
                ConnectivityLog.LeaseCallRetrying(_logger, name + " (reading the lease back)", lease.LeaseIdText, lease.Epoch, attempt, delay, exception.Message);
            }
        }
    }

    private TimeSpan Longer(TimeSpan delay) => TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
}
