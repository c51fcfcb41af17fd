using System.Globalization;
using System.Numerics;
using DePinGpu.ProviderNode.Leases;
using DePinGpu.ProviderNode.Specs;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.JobSpecs;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Transactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Drain;

/// <summary>
/// Brings one lease run to a clean end for a drain. Stateful: send the workload its spec's "checkpoint now" signal,
/// wait (at most <see cref="DrainOptions.CheckpointWait"/>) for the checkpoint it takes to be committed, stop it,
/// then <c>releaseLease</c> so the standby resumes from that checkpoint. Stateless: stop and release, so the
/// replica is replaced. A lease whose workload finished by itself is left to complete.
/// </summary>
public sealed class LeaseDrainer
{
    private static readonly TimeSpan SpecWait = TimeSpan.FromSeconds(5);
    private readonly MarketClient _market;
    private readonly SpecStore _specs;
    private readonly DrainCoordinator _coordinator;
    private readonly DrainOptions _options;
    private readonly ILogger<LeaseDrainer> _logger;

    /// <summary>Creates the drainer.</summary>
    public LeaseDrainer(MarketClient market, SpecStore specs, DrainCoordinator coordinator, IOptions<DrainOptions> options, ILogger<LeaseDrainer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _market = market;
        _specs = specs;
        _coordinator = coordinator;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Drains <paramref name="run"/>; returns its final progress (faults become <see cref="DrainStage.Failed"/>).</summary>
    public async Task<DrainLeaseProgress> DrainAsync(LeaseRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var progress = Report(new DrainLeaseProgress(run.Lease.LeaseIdText, (long)run.Lease.Epoch, "unknown", DrainStage.Pending));
        try
        {
            var order = await _market.GetOrderAsync(BigInteger.Parse(run.OrderId, CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            var spec = order?.SpecCid is { } cid && await _specs.GetAsync(cid, SpecWait, cancellationToken).ConfigureAwait(false) is { } bytes
                ? JobSpecParser.Parse(bytes).Spec
                : null;
            progress = Report(progress with { Kind = order?.Kind.ToString() ?? "unknown" });
            return await EndAsync(run, order?.Kind, spec, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RpcTransportException or RpcErrorException or ContractRevertException or TransactionRejectedException or TimeoutException)
        {
            DrainLog.LeaseFailed(_logger, progress.LeaseId, progress.Epoch, exception.Message);
            return Report(progress with { Stage = DrainStage.Failed, Problem = exception.Message });
        }
    }

    private async Task<DrainLeaseProgress> EndAsync(LeaseRun run, OrderKind? kind, JobSpec? spec, DrainLeaseProgress progress, CancellationToken cancellationToken)
    {
        if (run.Workload is { Completion.IsCompleted: true } || run.Completion.IsCompleted)
        {
            // The workload finished by itself: the run completes or releases the lease as it would without a drain.
            await run.Completion.WaitAsync(_options.CheckpointWait, cancellationToken).ConfigureAwait(false);
            return Report(progress with { Stage = DrainStage.EndedOnItsOwn });
        }

        if (kind == OrderKind.Stateful && run.Workload is { } workload && spec is not null)
        {
            progress = await CheckpointAsync(run, workload, spec, progress, cancellationToken).ConfigureAwait(false);
        }

        await run.StopForDrainAsync(spec?.GracePeriod ?? TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        progress = Report(progress with { Stage = DrainStage.Stopped });
        await run.ReleaseForDrainAsync(cancellationToken).ConfigureAwait(false);
        return Report(progress with { Stage = DrainStage.Released });
    }

    private async Task<DrainLeaseProgress> CheckpointAsync(LeaseRun run, Execution.IWorkload workload, JobSpec spec, DrainLeaseProgress progress, CancellationToken cancellationToken)
    {
        var before = run.CommittedStep;
        await workload.SignalAsync(spec.Checkpoint.Signal, cancellationToken).ConfigureAwait(false);
        progress = Report(progress with { Stage = DrainStage.Signalled });
        if (await run.WaitForCommitAboveAsync(before, _options.CheckpointWait, cancellationToken).ConfigureAwait(false))
        {
            return Report(progress with { Stage = DrainStage.CheckpointCommitted, CheckpointStep = run.CommittedStep, CheckpointCid = run.CommittedCid });
        }

        DrainLog.NoFreshCheckpoint(_logger, progress.LeaseId, _options.CheckpointWait);
        var fallback = run.CommittedStep is { } step ? $"the last committed step {step}" : "the start (nothing was committed)";
        return progress with { Problem = $"No checkpoint was committed within {_options.CheckpointWait} of the signal; the standby resumes from {fallback}." };
    }

    private DrainLeaseProgress Report(DrainLeaseProgress progress)
    {
        _coordinator.Update(progress);
        DrainLog.LeaseProgressed(_logger, progress.LeaseId, progress.Epoch, progress.Stage);
        return progress;
    }
}
