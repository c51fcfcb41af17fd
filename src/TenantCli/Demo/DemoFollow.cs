using System.Globalization;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.TenantCli.Chain;
using DePinGpu.TenantCli.Cli;

namespace DePinGpu.TenantCli.Demo;

/// <summary>
/// Follows the lease live: its chain events, the training job's lines from whichever node runs it, and, after the
/// kill, the dead provider's silence on-chain until the verifier reports it.
/// </summary>
internal sealed class DemoFollow
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    private readonly ProtocolConnection _chain;
    private readonly DevnetLayout _devnet;
    private readonly DemoConsole _console;
    private readonly DemoObservations _observations;
    private readonly ChainWatch _watch;
    private readonly WorkloadLogWatch _logs;
    private string? _owner;
    private uint _epoch;
    private DateTimeOffset _lastSilenceNote;

    /// <summary>Creates the follower; nothing is read yet.</summary>
    public DemoFollow(ProtocolConnection chain, DevnetLayout devnet, DemoConsole console, DemoObservations observations, ChainWatch watch, WorkloadLogWatch logs)
    {
        _chain = chain;
        _devnet = devnet;
        _console = console;
        _observations = observations;
        _watch = watch;
        _logs = logs;
    }

    /// <summary>Follows until <paramref name="commits"/> checkpoints are committed at epoch 0 and <paramref name="delay"/> more has passed; returns the provider to kill.</summary>
    public async Task<string> UntilKillAsync(int commits, TimeSpan delay, CancellationToken cancellationToken)
    {
        _console.Heading($"2. Training on the cheapest provider; the kill comes after {commits} committed checkpoint(s){(delay > TimeSpan.Zero ? $" and {delay.TotalSeconds:0.0} s more" : string.Empty)}");
        var deadline = DateTimeOffset.UtcNow + Patience;
        DateTimeOffset? enough = null;
        while (true)
        {
            await StepAsync(cancellationToken).ConfigureAwait(false);
            var committed = _observations.Of<CheckpointCommitted>().Count(entry => entry.Event.Epoch == 0);
            if (_observations.Of<LeaseClosed>().Any() || _epoch > 0)
            {
                throw new CliException("The lease ended or moved before the demo's kill; see the nodes' logs in " + _devnet.Directory + "/logs.", ExitCodes.CheckFailed);
            }

            if (committed >= commits && _owner is not null)
            {
                enough ??= DateTimeOffset.UtcNow;
                if (DateTimeOffset.UtcNow >= enough + delay)
                {
                    _observations.CommitsBeforeKill = committed;
                    return _owner;
                }
            }

            Expire(deadline, "the checkpoints to kill after");
            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Follows until the lease closes.</summary>
    public async Task UntilClosedAsync(CancellationToken cancellationToken)
    {
        _console.Heading("4. Waiting for the verifier to report the silent provider and a standby to take over");
        var parameters = await _chain.Registry().GetParametersAsync(cancellationToken).ConfigureAwait(false);
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (_observations.Timeline.Closed is null)
        {
            await StepAsync(cancellationToken).ConfigureAwait(false);
            if (_observations.Timeline.ReportMined is null)
            {
                await NoteSilenceAsync(parameters.HeartbeatInterval, parameters.HeartbeatTimeout, cancellationToken).ConfigureAwait(false);
            }

            Expire(deadline, "the lease's end");
            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }

        // Lines the node served after the close event was seen.
        if (_owner is not null)
        {
            await _logs.PollAsync(_owner, _epoch, _observations.LeaseId, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StepAsync(CancellationToken cancellationToken)
    {
        foreach (var (chainEvent, blockTime) in await _watch.PollAsync(cancellationToken).ConfigureAwait(false))
        {
            await OnEventAsync(chainEvent, blockTime, cancellationToken).ConfigureAwait(false);
        }

        if (_owner is not null && _observations.Timeline.Closed is null && !(_epoch == 0 && _observations.Timeline.Kill is not null))
        {
            foreach (var (line, _) in await _logs.PollAsync(_owner, _epoch, _observations.LeaseId, cancellationToken).ConfigureAwait(false))
            {
                Show(line);
            }
        }
    }

    private void Show(TrainingLine line)
    {
        var node = _devnet.NameOf(_owner);
        var text = line.Kind switch
        {
            TrainingLineKind.Started => $"{node}: workload started, first step {line.Step}",
            TrainingLineKind.Resumed => $"{node}: workload resumed from checkpoint step {line.Step} (not from step 0)",
            TrainingLineKind.Checkpoint => $"{node}: workload wrote checkpoint step {line.Step}",
            TrainingLineKind.Done => $"{node}: workload done at step {line.Step}, loss {line.Loss:0.0000}",
            TrainingLineKind.Loss when line.Step % 100 == 0 || (_epoch > 0 && line.Step <= (_observations.FirstStepAfterResume ?? 0) + 10) => $"{node}: step {line.Step} loss {line.Loss:0.0000}",
            _ => null,
        };
        if (text is not null)
        {
            _console.Say(text);
        }
    }

    private async Task OnEventAsync(ChainEvent chainEvent, DateTimeOffset blockTime, CancellationToken cancellationToken)
    {
        var timeline = _observations.Timeline;
        var now = DateTimeOffset.UtcNow;
        switch (chainEvent)
        {
            case LeaseAssigned assigned:
                _owner = assigned.Provider;
                _epoch = assigned.Epoch;
                _console.Say(assigned.Epoch == 0
                    ? $"lease {assigned.LeaseId} assigned to {_devnet.NameOf(assigned.Provider)} at {assigned.PricePerSecond} wei/s; standbys {string.Join(", ", _observations.Standbys.Select(_devnet.NameOf))}"
                    : $"HAND-OVER: lease {assigned.LeaseId} assigned to {_devnet.NameOf(assigned.Provider)} (standby) at epoch {assigned.Epoch}, {assigned.PricePerSecond} wei/s");
                break;
            case LeaseStarted started:
                if (started.Epoch > 0)
                {
                    timeline.Acknowledged ??= now;
                }

                _console.Say($"{_devnet.NameOf(started.Provider)} acknowledged the lease (epoch {started.Epoch})");
                break;
            case CheckpointCommitted commit:
                if (commit.Epoch > 0)
                {
                    timeline.FirstNewCheckpoint ??= now;
                }

                _console.Say($"checkpoint step {commit.Step} committed on-chain at epoch {commit.Epoch} ({commit.SizeBytes} bytes, {commit.Cid})");
                break;
            case FaultReported fault:
                timeline.ReportMined ??= now;
                timeline.ReportBlock ??= blockTime;
                timeline.LastHeartbeat ??= (await _chain.Registry().GetProviderAsync(fault.Provider, cancellationToken).ConfigureAwait(false))?.LastHeartbeat;
                _console.Say($"REPORTED: {_devnet.NameOf(fault.Provider)} missed its heartbeats; reporter {(string.Equals(fault.Reporter, _devnet.Verifier, StringComparison.OrdinalIgnoreCase) ? "the verifier" : fault.Reporter)}, slashed {TokenAmount.Format(fault.Slashed)} tokens, finder's fee {TokenAmount.Format(fault.FinderFee)}");
                break;
            case LeaseReassigned reassigned:
                _console.Say($"lease {reassigned.LeaseId} taken from {_devnet.NameOf(reassigned.PreviousProvider)}: epoch {reassigned.NewEpoch} ({reassigned.Reason})");
                break;
            case LeaseClosed closed:
                timeline.Closed ??= now;
                _console.Say($"lease {closed.LeaseId} closed ({closed.Reason}); refund to the tenant {closed.Refund} wei");
                break;
            case LeaseReopened reopened:
                _console.Say($"lease {reopened.LeaseId} reopened: no live standby was left");
                break;
            default:
                break;
        }
    }

    private async Task NoteSilenceAsync(TimeSpan interval, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (DateTimeOffset.UtcNow - _lastSilenceNote < TimeSpan.FromSeconds(1) || _observations.KilledOwner is null)
        {
            return;
        }

        _lastSilenceNote = DateTimeOffset.UtcNow;
        var provider = await _chain.Registry().GetProviderAsync(_observations.KilledOwner, cancellationToken).ConfigureAwait(false);
        var chainNow = DateTimeOffset.FromUnixTimeSeconds((long)(await _chain.Rpc.GetLatestBlockHeaderAsync(cancellationToken).ConfigureAwait(false)).Timestamp);
        if (provider is null)
        {
            return;
        }

        var silent = chainNow - provider.LastHeartbeat;
        var missed = (int)(silent / interval);
        _console.Say(string.Create(CultureInfo.InvariantCulture, $"{_observations.KilledNode}: last on-chain heartbeat {silent.TotalSeconds:0} s ago, {missed} missed (every {interval.TotalSeconds:0} s; reportable after {timeout.TotalSeconds:0} s)"));
    }

    private static void Expire(DateTimeOffset deadline, string what)
    {
        if (DateTimeOffset.UtcNow > deadline)
        {
            throw new CliException($"The demo waited {Patience.TotalMinutes:0} minutes for {what}; see the nodes' logs.", ExitCodes.CheckFailed);
        }
    }
}
