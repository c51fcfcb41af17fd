using System.Collections.Concurrent;
using System.Globalization;
using DePinGpu.ProviderNode.Diagnostics;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.Protocol.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Leases;

/// <summary>
/// Drives every lease this node holds: a <see cref="LeaseRun"/> per lease and epoch, started when the chain says the
/// lease is ours, ended (workload killed at once) when the chain says it moved, completed or closed. On start it
/// resumes the leases <c>leases.db</c> holds and adopts the workloads the runtimes re-attach to, so a restarted node
/// neither starts a workload twice nor loses one. Stopping the node leaves Docker workloads running.
/// </summary>
public sealed class LeaseService : BackgroundService
{
    private readonly NodeEventBus _bus;
    private readonly LeaseRunContext _context;
    private readonly IEnumerable<IWorkloadRuntime> _runtimes;
    private readonly ILogger<LeaseService> _logger;
    private readonly LeaseOwnership _ownership;
    private readonly ConcurrentDictionary<string, LeaseRun> _runs = new();

    /// <summary>Creates the service; it subscribes when it starts.</summary>
    public LeaseService(NodeEventBus bus, LeaseRunContext context, IEnumerable<IWorkloadRuntime> runtimes, LeaseOwnership ownership, ILogger<LeaseService> logger)
    {
        _ownership = ownership;
        _bus = bus;
        _context = context;
        _runtimes = runtimes;
        _logger = logger;
    }

    /// <summary>The runs in progress (for the API).</summary>
    public IReadOnlyCollection<LeaseRun> Runs => [.. _runs.Values];

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var events = _bus.Subscribe<INodeEvent>();
        await ResumeAsync(stoppingToken).ConfigureAwait(false);
        try
        {
            await foreach (var nodeEvent in events.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await HandleAsync(nodeEvent, stoppingToken).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var run in _runs.Values)
            {
                await run.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task ResumeAsync(CancellationToken stoppingToken)
    {
        var adoptable = new List<IWorkload>();
        foreach (var runtime in _runtimes)
        {
            adoptable.AddRange(await ReattachWithRetryAsync(runtime, stoppingToken).ConfigureAwait(false));
        }

        foreach (var record in _context.Store.Active())
        {
            var adopted = adoptable.FirstOrDefault(workload => workload.Lease.LeaseIdText == record.Id && (long)workload.Lease.Epoch == record.Epoch);
            if (await LostWhileDownAsync(record, adopted, stoppingToken).ConfigureAwait(false))
            {
                continue;
            }

            NodeLog.LeaseResumed(_logger, record.Id, record.Epoch, record.Status.ToString(), adopted is not null);
            Start(record, adopted, stoppingToken);
        }
    }

    /// <summary>
    /// A runtime that does not answer at start-up (the Docker engine restarting, or started after the node) is a
    /// transient fault: the node waits for it, saying so and backing off, instead of exiting with leases it could still
    /// re-attach; nothing is started before the runtime has said which workloads it still runs.
    /// </summary>
    private async Task<IReadOnlyList<IWorkload>> ReattachWithRetryAsync(IWorkloadRuntime runtime, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await runtime.ReattachAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                ExecutionLog.RuntimeUnreachable(_logger, runtime.Kind.ToString(), attempt, delay, exception.Message);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
            }
        }
    }

    /// <summary>
    /// True when the chain says the lease closed or moved while the node was down: the adopted workload is killed and
    /// the record ends, nothing is restarted. When the chain cannot be read the lease is resumed (losing the RPC is not
    /// losing the lease); the chain events that follow end it if it moved.
    /// </summary>
    private async Task<bool> LostWhileDownAsync(LeaseRecord record, IWorkload? adopted, CancellationToken stoppingToken)
    {
        LeaseTrigger? trigger;
        try
        {
            trigger = await _ownership.LostTriggerAsync(record, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is Protocol.Rpc.RpcTransportException or Protocol.Rpc.RpcErrorException or TimeoutException)
        {
            HandoverLog.NotResumed(_logger, record.Id, record.Epoch, "nothing: it cannot be read (" + exception.Message + "); resuming");
            return false;
        }

        if (trigger is not { } lost)
        {
            return false;
        }

        if (adopted is not null)
        {
            await adopted.KillAsync(stoppingToken).ConfigureAwait(false);
        }

        if (LeaseStateMachine.Apply(record, lost, DateTime.UtcNow) is { } next)
        {
            _context.Store.Save(next);
        }

        HandoverLog.NotResumed(_logger, record.Id, record.Epoch, lost.ToString());
        return true;
    }

    private async Task HandleAsync(INodeEvent nodeEvent, CancellationToken stoppingToken)
    {
        switch (nodeEvent)
        {
            case LeaseWon won:
                Won(won, stoppingToken);
                break;
            case LeaseMovedAway moved:
                await MovedAsync(moved).ConfigureAwait(false);
                break;
        }
    }

    private void Won(LeaseWon won, CancellationToken stoppingToken)
    {
        var id = won.LeaseId.ToString(CultureInfo.InvariantCulture);
        var existing = _context.Store.Find(id);
        if (!LeaseStateMachine.IsNewAssignment(existing, won.Epoch))
        {
            return;
        }

        var record = new LeaseRecord
        {
            Id = id,
            OrderId = won.OrderId.ToString(CultureInfo.InvariantCulture),
            Epoch = won.Epoch,
            Status = LeaseStatus.Won,
            Gpus = 0,
            UpdatedAt = DateTime.UtcNow,
        };
        _context.Store.Save(record);
        NodeLog.LeaseWon(_logger, id, won.Epoch);
        Start(record, null, stoppingToken);
    }

    private async Task MovedAsync(LeaseMovedAway moved)
    {
        var id = moved.LeaseId.ToString(CultureInfo.InvariantCulture);
        var trigger = moved.Reason switch
        {
            LeaseReason.Completed => LeaseTrigger.CompletedOnChain,
            LeaseReason.MissedHeartbeat or LeaseReason.StartTimeout or LeaseReason.Released => LeaseTrigger.MovedOnChain,
            _ => LeaseTrigger.ClosedOnChain,
        };
        if (_runs.TryGetValue(id, out var run) && (long)run.Lease.Epoch <= moved.Epoch)
        {
            // A completion we sent ends the run by itself; anything else kills the workload now.
            if (trigger != LeaseTrigger.CompletedOnChain)
            {
                await run.MoveAwayAsync(trigger).ConfigureAwait(false);
            }

            _runs.TryRemove(id, out _);
        }

        if (_context.Store.Find(id) is { } record && record.Epoch <= moved.Epoch && LeaseStateMachine.Apply(record, trigger, DateTime.UtcNow) is { } next)
        {
            _context.Store.Save(next);
            NodeLog.LeaseEnded(_logger, id, record.Epoch, next.Status.ToString(), moved.Reason.ToString());
        }
    }

    private void Start(LeaseRecord record, IWorkload? adopted, CancellationToken stoppingToken)
    {
        var run = new LeaseRun(record, _context);
        _runs[record.Id] = run;
        run.Start(adopted, stoppingToken);
    }
}
