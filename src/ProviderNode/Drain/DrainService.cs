using DePinGpu.ProviderNode.Leases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Drain;

/// <summary>
/// Carries out a drain once one is asked for: bidding has stopped (it reads <see cref="DrainCoordinator.IsDraining"/>),
/// every lease run is brought to an end one after the other (leases won while draining too), then the daemon stops
/// itself once <c>depin-node drain</c> has read the final report (or <see cref="DrainOptions.ReportWait"/> passed).
/// </summary>
public sealed class DrainService : BackgroundService
{
    private readonly DrainCoordinator _coordinator;
    private readonly LeaseService _leases;
    private readonly LeaseDrainer _drainer;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly DrainOptions _options;
    private readonly ILogger<DrainService> _logger;

    /// <summary>Creates the service; it waits for a drain request when it starts.</summary>
    public DrainService(DrainCoordinator coordinator, LeaseService leases, LeaseDrainer drainer, IHostApplicationLifetime lifetime,
        IOptions<DrainOptions> options, ILogger<DrainService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _coordinator = coordinator;
        _leases = leases;
        _drainer = drainer;
        _lifetime = lifetime;
        _options = options.Value;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _coordinator.Requested.WaitAsync(stoppingToken).ConfigureAwait(false);
        DrainLog.Started(_logger, Pending([]).Count);
        var handled = new Dictionary<string, DrainLeaseProgress>();
        while (Pending(handled.Keys) is { Count: > 0 } pending)
        {
            foreach (var run in pending)
            {
                handled[run.Lease.ToString()] = await _drainer.DrainAsync(run, stoppingToken).ConfigureAwait(false);
            }
        }

        _coordinator.Finish();
        DrainLog.Finished(_logger, handled.Values.Count(lease => lease.Stage == DrainStage.Released),
            handled.Values.Count(lease => lease.Stage == DrainStage.EndedOnItsOwn), handled.Values.Count(lease => lease.Stage == DrainStage.Failed));
        try
        {
            await _coordinator.FinalReportRead.WaitAsync(_options.ReportWait, stoppingToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Nobody asked for the report (the drain was asked for and the client went away): exit all the same.
        }

        _lifetime.StopApplication();
    }

    /// <summary>The runs still going that the drain has not handled yet (keyed by lease and epoch).</summary>
    private List<LeaseRun> Pending(IEnumerable<string> handled)
    {
        var done = handled.ToHashSet();
        return _leases.Runs.Where(run => !done.Contains(run.Lease.ToString()) && !run.Completion.IsCompleted).ToList();
    }
}
