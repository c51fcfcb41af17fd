using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.ProviderNode.Leases;
using DePinGpu.ProviderNode.Specs;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.JobSpecs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Standby;

/// <summary>
/// The Docker half of preparing a hand-over (docs/protocol.md §8, docs/design.md): while the active provider is silent, the
/// container the hand-over will run is created but not started, exactly as the lease's run at the next epoch would
/// create it (same name, mounts into that run's folders, its resume folder being where the prepared checkpoint is
/// moved), so that on <c>LeaseReassigned</c> the run only starts it. One per lease, in memory; what a previous run of
/// the node left is adopted or removed by label at start (<see cref="CleanUpAfterRestartAsync"/>). A container is only
/// ever removed while it has never started: a started one is the lease's workload.
/// </summary>
public sealed class PreparedContainers
{
    private readonly ConcurrentDictionary<BigInteger, PreparedContainer> _prepared = new();
    private readonly ConcurrentDictionary<BigInteger, byte> _notDocker = new();
    private readonly DockerWorkloadRuntime _runtime;
    private readonly Func<BigInteger, CancellationToken, Task<JobSpec?>> _specOfOrder;
    private readonly LeaseStore _leases;
    private readonly string _workloadsDirectory;
    private readonly ILogger<PreparedContainers> _logger;

    /// <summary>
    /// Creates the set; <paramref name="specOfOrder"/> gives an order's validated spec (null when it cannot be had),
    /// <paramref name="workloadsDirectory"/> is where the lease runs keep their folders.
    /// </summary>
    public PreparedContainers(DockerWorkloadRuntime runtime, Func<BigInteger, CancellationToken, Task<JobSpec?>> specOfOrder, LeaseStore leases, string workloadsDirectory,
        ILogger<PreparedContainers> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(workloadsDirectory);
        _runtime = runtime;
        _specOfOrder = specOfOrder;
        _leases = leases;
        _workloadsDirectory = workloadsDirectory;
        _logger = logger;
    }

    /// <summary>
    /// The set for a node's services: null when the node runs no Docker runtime (nothing to create ahead). Specs come
    /// from the order on-chain and the node's spec store, waiting at most <paramref name="specWait"/>.
    /// </summary>
    public static PreparedContainers? Create(IServiceProvider services, string workloadsDirectory, TimeSpan specWait)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetServices<IWorkloadRuntime>().OfType<DockerWorkloadRuntime>().FirstOrDefault() is not { } docker)
        {
            return null;
        }

        var market = services.GetRequiredService<MarketClient>();
        var specs = services.GetRequiredService<SpecStore>();
        return new PreparedContainers(docker, async (orderId, cancellationToken) =>
            {
                var order = await market.GetOrderAsync(orderId, cancellationToken).ConfigureAwait(false);
                var bytes = order?.SpecCid is { } cid ? await specs.GetAsync(cid, specWait, cancellationToken).ConfigureAwait(false) : null;
                return bytes is null ? null : JobSpecParser.Parse(bytes).Spec;
            },
            services.GetRequiredService<LeaseStore>(), workloadsDirectory, services.GetRequiredService<ILogger<PreparedContainers>>());
    }

    /// <summary>The container prepared for <paramref name="leaseId"/>, if any.</summary>
    public PreparedContainer? Find(BigInteger leaseId) => _prepared.TryGetValue(leaseId, out var prepared) ? prepared : null;

    /// <summary>
    /// Makes sure the container of <paramref name="leaseId"/> (of order <paramref name="orderId"/>) at
    /// <paramref name="epoch"/> is created: one prepared for another epoch is removed first. Nothing is created for a
    /// spec that is not Docker's, or that publishes a service port (its host port is chosen as it starts). Returns the
    /// container, or null when there is none.
    /// </summary>
    public async Task<PreparedContainer?> PrepareAsync(BigInteger leaseId, BigInteger orderId, ulong epoch, CancellationToken cancellationToken)
    {
        if (_notDocker.ContainsKey(leaseId))
        {
            return null;
        }

        if (Find(leaseId) is { } existing)
        {
            if (existing.Lease.Epoch == epoch)
            {
                return existing;
            }

            await RemoveAsync(leaseId, $"the lease is now expected at epoch {epoch}", cancellationToken).ConfigureAwait(false);
        }

        var spec = await _specOfOrder(orderId, cancellationToken).ConfigureAwait(false);
        if (spec is null || spec.Runtime != WorkloadRuntimeKind.Docker || spec.Service is not null)
        {
            if (spec is not null)
            {
                _notDocker[leaseId] = 0;
            }

            return null;
        }

        var result = await _runtime.PrepareAsync(HandoverLaunch(leaseId, epoch, spec), cancellationToken).ConfigureAwait(false);
        if (result.Container is not { } container)
        {
            StandbyLog.ContainerNotPrepared(_logger, leaseId, result.Refusal!);
            return null;
        }

        _prepared[leaseId] = container;
        StandbyLog.ContainerPrepared(_logger, leaseId, epoch, container.ContainerId);
        return container;
    }

    /// <summary>
    /// <paramref name="leaseId"/> was handed to this node at <paramref name="epoch"/>: a container prepared for that
    /// epoch now belongs to the lease's run (which starts it) and is no longer tracked here; true when there was one.
    /// </summary>
    public bool HandedOver(BigInteger leaseId, ulong epoch) =>
        _prepared.TryGetValue(leaseId, out var prepared) && prepared.Lease.Epoch == epoch && _prepared.TryRemove(leaseId, out _);

    /// <summary>Removes every prepared container whose lease is not in <paramref name="keep"/>; returns how many were removed.</summary>
    public async Task<int> RemoveAllButAsync(IReadOnlySet<BigInteger> keep, string why, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keep);
        foreach (var leaseId in _notDocker.Keys.Where(leaseId => !keep.Contains(leaseId)))
        {
            _notDocker.TryRemove(leaseId, out _);
        }

        var removed = 0;
        foreach (var leaseId in _prepared.Keys.Where(leaseId => !keep.Contains(leaseId)).ToList())
        {
            removed += await RemoveAsync(leaseId, why, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return removed;
    }

    /// <summary>Forgets the container prepared for <paramref name="leaseId"/> and removes it unless it started; true when one was removed.</summary>
    public async Task<bool> RemoveAsync(BigInteger leaseId, string why, CancellationToken cancellationToken)
    {
        _notDocker.TryRemove(leaseId, out _);
        if (!_prepared.TryRemove(leaseId, out var prepared))
        {
            return false;
        }

        var removed = await _runtime.RemovePreparedAsync(prepared.ContainerId, cancellationToken).ConfigureAwait(false);
        if (removed)
        {
            StandbyLog.ContainerRemoved(_logger, leaseId, prepared.ContainerId, why);
        }
        else
        {
            StandbyLog.ContainerLeftAlone(_logger, leaseId, prepared.ContainerId);
        }

        return removed;
    }

    /// <summary>
    /// After a restart: a prepared container whose lease this node now holds at that epoch is left for the lease's run
    /// to start (adopted); any other is removed. Returns how many were removed.
    /// </summary>
    public async Task<int> CleanUpAfterRestartAsync(CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var container in await _runtime.ListPreparedAsync(cancellationToken).ConfigureAwait(false))
        {
            var record = _leases.Find(container.Lease.LeaseIdText);
            if (record is { IsFinal: false } && (ulong)record.Epoch == container.Lease.Epoch)
            {
                StandbyLog.ContainerAdopted(_logger, container.Lease.LeaseId, container.Lease.Epoch, container.ContainerId);
                continue;
            }

            if (await _runtime.RemovePreparedAsync(container.ContainerId, cancellationToken).ConfigureAwait(false))
            {
                removed++;
                StandbyLog.ContainerRemoved(_logger, container.Lease.LeaseId, container.ContainerId, "left by a previous run of the node for a lease it does not hold");
            }
        }

        return removed;
    }

    /// <summary>The launch of the hand-over's first run, as the lease's run will make it (<see cref="LeaseRun.RunDirectory"/>).</summary>
    private WorkloadLaunch HandoverLaunch(BigInteger leaseId, ulong epoch, JobSpec spec)
    {
        var run = LeaseRun.RunDirectory(_workloadsDirectory, leaseId.ToString(CultureInfo.InvariantCulture), (long)epoch);
        // The inputs folder is bound now (and named in DEPIN_INPUT_DIR): the lease's run fills it before it starts the
        // container, at the same path (LeaseRun.PlaceInputsAsync). Without the bind the workload would never see them.
        var inputs = spec.Inputs.Count == 0 ? null : Directory.CreateDirectory(Path.Combine(run, "inputs")).FullName;
        var directories = new WorkloadDirectories(Path.Combine(run, "checkpoints"), Path.Combine(run, "output"), Path.Combine(run, "resume"), inputs);
        return new WorkloadLaunch(new LeaseEpoch(leaseId, epoch), spec, directories, 0);
    }
}
