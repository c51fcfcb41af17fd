using System.Numerics;
using DePinGpu.ProviderNode.Chain;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Rpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Verifier;

/// <summary>
/// The verifier role: watches every provider that holds a lease (seeded from the chain at start, then kept current by
/// chain-event hints), and when a provider's leases become reportable by its on-chain heartbeat it dry-runs and sends
/// one batched <c>reportMissedHeartbeat</c>; it also closes reopened leases past their offer deadline. Gossip
/// heartbeats only make it re-read the chain sooner. Losing a race to another verifier is an ordinary outcome (an
/// information line, no retry); a round that cannot reach the chain is logged and retried after a pause.
/// </summary>
public sealed class VerifierService : BackgroundService
{
    private readonly VerifierInbox _inbox;
    private readonly NodeEventBus _bus;
    private readonly ChainLivenessReader _reader;
    private readonly MissedHeartbeatReporter _reporter;
    private readonly ProviderAccount _account;
    private readonly VerifierMetrics _metrics;
    private readonly VerifierOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<VerifierService> _logger;
    private readonly LivenessBook _book;
    private readonly HashSet<BigInteger> _leasesToRead = [];
    private readonly HashSet<string> _heartbeatsToRead = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the service; nothing runs until the host starts it.</summary>
    public VerifierService(VerifierInbox inbox, NodeEventBus bus, ChainLivenessReader reader, MissedHeartbeatReporter reporter, ProviderAccount account,
        VerifierMetrics metrics, IOptions<VerifierOptions> options, TimeProvider time, ILogger<VerifierService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _inbox = inbox;
        _bus = bus;
        _reader = reader;
        _reporter = reporter;
        _account = account;
        _metrics = metrics;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _book = new LivenessBook(_options.GossipSilence, _options.MaxBatch);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var gossip = _bus.Subscribe<PeerHeartbeatSeen>();
        using var stopPump = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var pump = PumpGossipAsync(gossip, stopPump.Token);
        try
        {
            await RunAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await stopPump.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task PumpGossipAsync(System.Threading.Channels.ChannelReader<PeerHeartbeatSeen> gossip, CancellationToken cancellationToken)
    {
        await foreach (var seen in gossip.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            _inbox.GossipSeen(seen.Provider, seen.SentAt);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var seeded = false;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                if (!seeded)
                {
                    _leasesToRead.UnionWith(await _reader.NewestLeaseIdsAsync(_options.SeedLeaseLimit, cancellationToken).ConfigureAwait(false));
                }

                await ExcludeOwnProviderAsync(cancellationToken).ConfigureAwait(false);
                DrainHints();
                await ReadPendingAsync(cancellationToken).ConfigureAwait(false);
                if (!seeded)
                {
                    seeded = true;
                    VerifierLog.Started(_logger, _reporter.Account ?? "(no account)", _book.LeaseCount);
                }

                wait = await RoundAsync(cancellationToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (Exception exception) when (IsTransient(exception) && !cancellationToken.IsCancellationRequested)
            {
                failures++;
                wait = Backoff(failures);
                VerifierLog.RoundFailed(_logger, wait, exception.Message);
            }

            if (!await WaitForHintAsync(wait, cancellationToken).ConfigureAwait(false))
            {
                // Idle for a whole MaxIdle: re-read everything watched, in case an event was missed.
                _leasesToRead.UnionWith(_book.LeaseIds);
                _heartbeatsToRead.UnionWith(_book.RunningProviders);
            }
        }
    }

    /// <summary>
    /// Once the registry names the provider this node's operator key serves, its leases leave the book: a node never
    /// reports its own provider. Until then (not registered yet) each round asks again; the answer is kept once known.
    /// </summary>
    private async Task ExcludeOwnProviderAsync(CancellationToken cancellationToken)
    {
        if (_book.OwnProvider is null && await _account.OwnerAsync(cancellationToken).ConfigureAwait(false) is { } owner)
        {
            _book.ExcludeOwnProvider(owner);
            _heartbeatsToRead.Remove(owner);
            VerifierLog.OwnProviderExcluded(_logger, owner);
        }
    }

    /// <summary>Acts on what is due; returns how long to wait before the next round.</summary>
    private async Task<TimeSpan> RoundAsync(CancellationToken cancellationToken)
    {
        _metrics.Watching(_book.LeaseCount);
        var plan = _book.Plan(_time.GetUtcNow());
        foreach (var provider in plan.HeartbeatReads)
        {
            VerifierLog.ReadingHeartbeat(_logger, provider);
            _heartbeatsToRead.Add(provider);
        }

        foreach (var report in plan.Reports)
        {
            await ReportAsync(report, cancellationToken).ConfigureAwait(false);
        }

        foreach (var leaseId in plan.Closes)
        {
            await CloseAsync(leaseId, cancellationToken).ConfigureAwait(false);
        }

        foreach (var leaseId in plan.StartTimeouts ?? [])
        {
            await ReportStartTimeoutAsync(leaseId, cancellationToken).ConfigureAwait(false);
        }

        if (plan.HeartbeatReads.Count > 0 || plan.Reports.Count > 0 || plan.Closes.Count > 0 || plan.StartTimeouts is { Count: > 0 })
        {
            return TimeSpan.Zero;
        }

        if (plan.NextRoundAt is not { } next)
        {
            return _options.MaxIdle;
        }

        var untilDue = next - _time.GetUtcNow() + _options.CheckDelay;
        return untilDue < TimeSpan.Zero ? TimeSpan.Zero : untilDue > _options.MaxIdle ? _options.MaxIdle : untilDue;
    }

    private async Task ReportAsync(ProviderReport report, CancellationToken cancellationToken)
    {
        var result = await _reporter.ReportAsync(report.LeaseIds, cancellationToken).ConfigureAwait(false);
        var won = result.With(LeaseVerdict.Won);
        var lost = result.With(LeaseVerdict.Lost);
        var notYet = result.With(LeaseVerdict.NotYet);
        if (won.Count > 0)
        {
            _metrics.ReportSent();
            _metrics.ReportsWon(won.Count);
            VerifierLog.Reported(_logger, report.Provider, string.Join(",", won), result.TransactionHash ?? "-", result.FinderFee);
        }

        if (lost.Count > 0)
        {
            _metrics.ReportsLost(lost.Count);
            VerifierLog.ReportLost(_logger, report.Provider, string.Join(",", lost));
        }

        if (notYet.Count > 0)
        {
            var retryAt = Later(result.RetryAt, _time.GetUtcNow() + _options.RetryInterval);
            _book.DeferProvider(report.Provider, retryAt);
            _heartbeatsToRead.Add(report.Provider);
            VerifierLog.NotYet(_logger, report.Provider, string.Join(",", notYet), retryAt);
        }

        Settle([.. won, .. lost]);
    }

    private async Task ReportStartTimeoutAsync(BigInteger leaseId, CancellationToken cancellationToken)
    {
        var result = await _reporter.ReportStartTimeoutAsync(leaseId, cancellationToken).ConfigureAwait(false);
        var verdict = result.Verdicts[leaseId];
        if (verdict == LeaseVerdict.NotYet)
        {
            _book.DeferClose(leaseId, Later(result.RetryAt, _time.GetUtcNow() + _options.RetryInterval));
            return;
        }

        if (verdict == LeaseVerdict.Won)
        {
            _metrics.ReportSent();
            _metrics.ReportsWon(1);
            VerifierLog.ReportedStartTimeout(_logger, leaseId, result.TransactionHash ?? "-", result.FinderFee);
        }
        else
        {
            _metrics.ReportsLost(1);
            VerifierLog.CloseSkipped(_logger, leaseId, verdict);
        }

        Settle([leaseId]);
    }

    private async Task CloseAsync(BigInteger leaseId, CancellationToken cancellationToken)
    {
        var result = await _reporter.CloseAsync(leaseId, cancellationToken).ConfigureAwait(false);
        var verdict = result.Verdicts[leaseId];
        if (verdict == LeaseVerdict.NotYet)
        {
            _book.DeferClose(leaseId, Later(result.RetryAt, _time.GetUtcNow() + _options.RetryInterval));
            return;
        }

        if (verdict == LeaseVerdict.Won)
        {
            _metrics.LeaseClosed();
            VerifierLog.Closed(_logger, leaseId, result.TransactionHash ?? "-");
        }
        else
        {
            VerifierLog.CloseSkipped(_logger, leaseId, verdict);
        }

        Settle([leaseId]);
    }

    /// <summary>Stops planning these leases at their current epoch and re-reads them (their new epoch is planned afresh).</summary>
    private void Settle(IEnumerable<BigInteger> leaseIds)
    {
        foreach (var leaseId in leaseIds)
        {
            _book.Settled(leaseId);
            _leasesToRead.Add(leaseId);
        }
    }

    private void DrainHints()
    {
        while (_inbox.Reader.TryRead(out var hint))
        {
            if (hint.LeaseId is { } leaseId)
            {
                _leasesToRead.Add(leaseId);
            }
            else if (hint is { Provider: { } gossiping, GossipSentAt: { } sentAt })
            {
                _book.RecordGossip(gossiping, sentAt);
            }
            else if (hint.Provider is { } provider && _book.Watches(provider))
            {
                _heartbeatsToRead.Add(provider);
            }
        }
    }

    /// <summary>Reads the pending leases and heartbeats; each leaves the pending set only once read.</summary>
    private async Task ReadPendingAsync(CancellationToken cancellationToken)
    {
        foreach (var leaseId in _leasesToRead.Order().ToArray())
        {
            _book.Track(await _reader.ReadLeaseAsync(leaseId, cancellationToken).ConfigureAwait(false));
            _leasesToRead.Remove(leaseId);
        }

        foreach (var provider in _heartbeatsToRead.ToArray())
        {
            // A provider the registry does not know has never beaten: its leases' start is its last sign of life.
            var heartbeat = await _reader.ReadHeartbeatAsync(provider, cancellationToken).ConfigureAwait(false);
            _book.RecordHeartbeat(provider, heartbeat ?? DateTimeOffset.UnixEpoch);
            _heartbeatsToRead.Remove(provider);
        }
    }

    /// <summary>Waits up to <paramref name="wait"/> for a hint; false when the whole wait passed without one.</summary>
    private async Task<bool> WaitForHintAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        // Pending reads do not cut the wait short: after a failed round they are retried after the back-off, not at once.
        if (wait <= TimeSpan.Zero)
        {
            return true;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        try
        {
            return await _inbox.Reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return wait < _options.MaxIdle;
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var wait = _options.RetryInterval * Math.Pow(2, Math.Min(failures - 1, 16));
        return wait > _options.MaxIdle ? _options.MaxIdle : wait;
    }

    private static DateTimeOffset Later(DateTimeOffset? first, DateTimeOffset second) => first is { } value && value > second ? value : second;

    /// <summary>
    /// Faults a later round may not meet: the chain unreachable, a send refused (no ether for gas), an unexpected
    /// revert. The verifier must not take the node down with it, so these are logged and retried with a growing pause.
    /// </summary>
    private static bool IsTransient(Exception exception) =>
        exception is RpcTransportException or RpcErrorException or TimeoutException or HttpRequestException or RpcResponseFormatException
            or ContractRevertException or Protocol.Transactions.TransactionRejectedException;
}
