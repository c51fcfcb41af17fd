using System.Numerics;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Rpc;

namespace DePinGpu.TenantCli.Gateway;

/// <summary>
/// Watches the market's logs for events that touch one order: every new block's logs of the market contract are read
/// (<c>eth_getLogs</c>, at most <see cref="MaxBlockRange"/> blocks a call) and, when one names the order or one of its
/// leases (assigned, started, handed over, reopened, closed, completed, a fault report, the order closed), the
/// callback is told at once. It only says "look again": the source then re-reads the order's state, so a repeated
/// event costs one read and a missed one (a reorg at the same height, a dropped log) is caught by the source's slow
/// full reconcile. RPC faults are reported as gateway events and retried with back-off; they never end the watch.
/// </summary>
internal sealed class OrderEventWatcher
{
    /// <summary>Most blocks read by one <c>eth_getLogs</c> call (the watcher catches up in steps after an outage).</summary>
    public const ulong MaxBlockRange = 1_000;

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(15);
    private readonly EthereumRpc _rpc;
    private readonly ProtocolEventDecoder _decoder;
    private readonly BigInteger _orderId;
    private readonly GatewayEventLog _events;
    private readonly TimeSpan _pollInterval;
    private volatile IReadOnlySet<BigInteger> _leases = new HashSet<BigInteger>();
    private ulong? _next;

    /// <summary>Watches <paramref name="market"/>'s logs for <paramref name="orderId"/>; nothing is read before <see cref="RunAsync"/>.</summary>
    public OrderEventWatcher(EthereumRpc rpc, string market, BigInteger orderId, GatewayEventLog events, TimeSpan pollInterval)
    {
        _rpc = rpc;
        _decoder = new ProtocolEventDecoder(registry: null, market);
        _orderId = orderId;
        _events = events;
        _pollInterval = pollInterval;
    }

    /// <summary>The order's lease ids as last read from the chain: events naming only a lease are matched against them.</summary>
    public void KnowLeases(IEnumerable<BigInteger> leaseIds) => _leases = leaseIds.ToHashSet();

    /// <summary>Reads new blocks until cancelled and calls <paramref name="touched"/> (with why) whenever the order may have changed.</summary>
    public async Task RunAsync(Action<string> touched, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(touched);
        var backoff = _pollInterval;
        var failing = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await StepAsync(touched, cancellationToken).ConfigureAwait(false);
                if (failing)
                {
                    failing = false;
                    _events.Add("chain-watch-recovered", null, "the chain answers again; the replicas are re-read");
                    touched("the chain answers again");
                }

                backoff = _pollInterval;
                await Task.Delay(_pollInterval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is RpcTransportException or RpcErrorException or RpcResponseFormatException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                if (!failing)
                {
                    failing = true;
                    _events.Add("chain-watch-failed", null, $"reading the market's events failed, retrying (replicas stay as they are): {exception.Message}");
                }

                await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>Reads the blocks since the last step (at most <see cref="MaxBlockRange"/>) and reports whether any event touches the order.</summary>
    internal async Task StepAsync(Action<string> touched, CancellationToken cancellationToken)
    {
        var head = await _rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        if (_next is not { } next)
        {
            // Watch from the next block; whatever happened up to the head is read by the reconcile this triggers.
            _next = head + 1;
            touched("the chain watch started");
            return;
        }

        if (head + 1 < next)
        {
            // The chain went back below blocks already read (a reorg or a reset): read state again, watch from here.
            _next = head + 1;
            touched($"the chain went back to block {head}");
            return;
        }

        if (head < next)
        {
            return;
        }

        var to = Math.Min(head, next + MaxBlockRange - 1);
        var logs = await _rpc.GetLogsAsync(new LogFilter(next, to, _decoder.Addresses, _decoder.Topics), cancellationToken).ConfigureAwait(false);
        var leases = _leases;
        if (_decoder.DecodeAll(logs).FirstOrDefault(chainEvent => Touches(chainEvent, leases)) is { } first)
        {
            touched($"{first.GetType().Name} in block {first.BlockNumber}");
        }

        _next = to + 1;
    }

    private bool Touches(ChainEvent chainEvent, IReadOnlySet<BigInteger> leases) => chainEvent switch
    {
        LeaseAssigned assigned => assigned.OrderId == _orderId,
        LeaseReassigned reassigned => reassigned.OrderId == _orderId,
        LeaseReopened reopened => reopened.OrderId == _orderId,
        LeaseClosed closed => closed.OrderId == _orderId,
        OrderClosed closed => closed.OrderId == _orderId,
        OrderCancelled cancelled => cancelled.OrderId == _orderId,
        LeaseStarted started => leases.Contains(started.LeaseId),
        LeaseCompleted completed => leases.Contains(completed.LeaseId),
        FaultReported fault => leases.Contains(fault.LeaseId),
        _ => false,
    };
}
