using System.Globalization;
using System.Numerics;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Api;
using DePinGpu.ProviderNode.Checkpoints;
using DePinGpu.ProviderNode.Diagnostics;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.Protocol.JobSpecs;
using DePinGpu.Protocol.Model;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Leases;

/// <summary>
/// One lease at one epoch, from won to its end: fetch and validate the spec, acknowledge, run the workload (or adopt
/// the one a previous run of the node left), commit its checkpoints, then complete (exit 0) or release (any other
/// exit, or a spec that cannot run). Every call carries (lease id, epoch); <see cref="MoveAwayAsync"/> kills the
/// workload at once.
/// </summary>
public sealed partial class LeaseRun : IAsyncDisposable
{
    private readonly LeaseRunContext _context;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _recordGate = new();
    private LeaseRecord _record;
    private volatile IWorkload? _workload;
    private bool _disowned;
    private volatile ServiceEndpoint? _service;
    private Task _completion = Task.CompletedTask;

    /// <summary>Creates the run of <paramref name="record"/>; nothing starts until <see cref="Start"/>.</summary>
    public LeaseRun(LeaseRecord record, LeaseRunContext context)
    {
        _record = record;
        _context = context;
        Lease = new LeaseEpoch(BigInteger.Parse(record.Id, CultureInfo.InvariantCulture), (ulong)record.Epoch);
    }

    /// <summary>The lease and epoch.</summary>
    public LeaseEpoch Lease { get; }

    /// <summary>The workload while it runs.</summary>
    public IWorkload? Workload => _workload;

    /// <summary>A Stateless lease's service address while its workload runs here (null otherwise).</summary>
    public ServiceEndpoint? Service => _workload is null ? null : _service;

    /// <summary>Completes when the run has ended.</summary>
    public Task Completion => _completion;

    private uint Epoch => (uint)Lease.Epoch;

    /// <summary>Starts the run; <paramref name="adopted"/> is a workload a previous run of the node left for this lease and epoch.</summary>
    public void Start(IWorkload? adopted, CancellationToken stoppingToken)
    {
        var token = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, stoppingToken).Token;
        _completion = RunAsync(adopted, token);
    }

    /// <summary>The lease is no longer ours at this epoch: kill the workload now and end the run.</summary>
    public async Task MoveAwayAsync(LeaseTrigger trigger)
    {
        _service = null;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (await DisownAsync().ConfigureAwait(false))
        {
            NodeLog.WorkloadKilled(_context.Logger, Lease.LeaseId, Lease.Epoch);
        }

        Transition(trigger);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _completion.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The run ends by cancellation when the node stops; the workload keeps running for the next start.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(IWorkload? adopted, CancellationToken cancellationToken)
    {
        using var scope = _context.Logger.BeginScope(new Dictionary<string, object> { ["LeaseId"] = _record.Id, ["Epoch"] = _record.Epoch });
        try
        {
            // A hand-over (or a restart after a commit) resumes from the checkpoint the lease names: read with the order.
            var leaseRead = Lease.Epoch > 0 || _record.CommittedCid is not null
                ? _context.Market.GetLeaseAsync(Lease.LeaseId, cancellationToken)
                : Task.FromResult<Protocol.Clients.LeaseDetails?>(null);
            var order = await _context.Market.GetOrderAsync(BigInteger.Parse(_record.OrderId, CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            var lease = await leaseRead.ConfigureAwait(false);
            var spec = order?.SpecCid is { } cid ? await FetchSpecAsync(cid, cancellationToken).ConfigureAwait(false) : null;
            if (order is null || spec is null)
            {
                await ReleaseAsync("its spec could not be fetched or is not valid", cancellationToken).ConfigureAwait(false);
                return;
            }

            Save(_record with { Gpus = order.GpusPerReplica });
            Transition(LeaseTrigger.SpecFetched);
            // Every holder, the first one too, starts the workload at once and acknowledges in parallel (docs/design.md
            // §7): the acknowledgement's block is not on the start path. Nothing reaches the chain from the run (no commit,
            // no completion, no release) before it is mined, and if it reverts or the lease is not ours the workload is
            // killed: the tenant pays from the acknowledgement on, so a workload that ran without one cost it nothing.
            var acknowledged = _record.Status == LeaseStatus.SpecFetched ? AcknowledgeOrKillAsync(cancellationToken) : Task.FromResult(true);

            // The acknowledgement is already on its way: obtaining the checkpoint (possibly from far away) must not make
            // it miss the start deadline.
            var plan = order.Kind == OrderKind.Stateful ? CommitPlanAsync(spec, acknowledged, cancellationToken) : null;
            var resume = await ResumeDirectoryAsync(order.Kind, adopted, lease, cancellationToken).ConfigureAwait(false);
            var exit = await RunWorkloadAsync(spec, plan, adopted, resume, cancellationToken).ConfigureAwait(false);
            if (await acknowledged.ConfigureAwait(false))
            {
                await FinishAsync(exit, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            NodeLog.LeaseRunFailed(_context.Logger, exception, Lease.LeaseId, Lease.Epoch);
            Save(_record with { Problem = exception.Message });
        }
    }

    private async Task<JobSpec?> FetchSpecAsync(Cid cid, CancellationToken cancellationToken)
    {
        var bytes = await _context.Specs.GetAsync(cid, _context.SpecWait, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : JobSpecParser.Parse(bytes).Spec;
    }

    private async Task FinishAsync(WorkloadRunResult result, CancellationToken cancellationToken)
    {
        Save(_record with { ExitCode = result.Exit?.ExitCode });
        if (result.Exit is { Completed: true })
        {
            Transition(LeaseTrigger.Exited);
            var resultCid = await ImportOutputAsync(cancellationToken).ConfigureAwait(false);
            if (!await SendLeaseCallAsync("completeLease", ct => _context.Market.CompleteLeaseAsync(Lease.LeaseId, Epoch, resultCid, ct), IsCompleted, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            _context.Metrics.LeaseEnded("completed");
            NodeLog.LeaseCompleted(_context.Logger, Lease.LeaseId, Lease.Epoch, resultCid.ToString());
            return;
        }

        Transition(LeaseTrigger.Exited);
        await ReleaseAsync(result.Refusal ?? $"the workload exited with code {result.Exit?.ExitCode}", cancellationToken).ConfigureAwait(false);
    }

    private async Task ReleaseAsync(string problem, CancellationToken cancellationToken)
    {
        NodeLog.LeaseReleasing(_context.Logger, Lease.LeaseId, Lease.Epoch, problem);
        Save(_record with { Problem = problem });
        if (await SendLeaseCallAsync("releaseLease", ct => _context.Market.ReleaseLeaseAsync(Lease.LeaseId, Epoch, ct), IsReleased, cancellationToken).ConfigureAwait(false))
        {
            _context.Metrics.LeaseEnded("released");
        }
    }

    private async Task<Cid> ImportOutputAsync(CancellationToken cancellationToken)
    {
        var output = Path.Combine(WorkloadDirectory, "output");
        Directory.CreateDirectory(output);
        await using var session = _context.Content.BeginSession();
        var imported = await _context.Importer.ImportAsync(output, session, cancellationToken).ConfigureAwait(false);
        await session.PinAsync(imported.Cid, name: $"result {_record.Id}", cancellationToken: cancellationToken).ConfigureAwait(false);
        return imported.Cid;
    }

    private void Transition(LeaseTrigger trigger)
    {
        lock (_recordGate)
        {
            if (LeaseStateMachine.Apply(_record, trigger, DateTime.UtcNow) is { } next)
            {
                Save(next);
            }
        }
    }

    private void Save(LeaseRecord record)
    {
        lock (_recordGate)
        {
            _record = record;
            _context.Store.Save(record);
        }
    }
}
