using System.Globalization;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Chain;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.ProviderNode.Specs;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.JobSpecs;
using DePinGpu.Protocol.Rpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Standby;

/// <summary>
/// Keeps <see cref="StandbyStore"/> in step with the chain and prepares each standby as soon as it is named: the spec
/// and inputs are fetched and pinned, and the image of a Docker spec is checked (the node does not pull; a missing image
/// is logged so the operator can load it before a hand-over needs it). A standby is forgotten when it is dropped, leaves,
/// is promoted (the market pops it from the queue) or every lease of its order ended. Handlers are idempotent.
/// </summary>
public sealed class StandbyService : BackgroundService
{
    private readonly NodeEventBus _bus;
    private readonly StandbyStore _store;
    private readonly MarketClient _market;
    private readonly SpecStore _specs;
    private readonly IEnumerable<IWorkloadRuntime> _runtimes;
    private readonly TimeSpan _contentWait;
    private readonly ILogger<StandbyService> _logger;
    private readonly ProviderAccount? _account;

    // Standbys forgotten on a promotion: a reorg can remove the report behind the promotion, and the chain then names this
    // node a standby again without a new event (the one that named it lies before the reorg). Kept to ask the chain.
    private readonly Dictionary<System.Numerics.BigInteger, StandbyRecord> _promoted = [];
    private System.Threading.Channels.ChannelReader<INodeEvent>? _events;

    /// <summary>Creates the service; it subscribes when it starts. <paramref name="contentWait"/> bounds each spec or input fetch.</summary>
    public StandbyService(NodeEventBus bus, StandbyStore store, MarketClient market, SpecStore specs, IEnumerable<IWorkloadRuntime> runtimes,
        TimeSpan contentWait, ILogger<StandbyService> logger, ProviderAccount? account = null)
    {
        _account = account;
        _bus = bus;
        _store = store;
        _market = market;
        _specs = specs;
        _runtimes = runtimes;
        _contentWait = contentWait;
        _logger = logger;
    }

    /// <inheritdoc />
    /// <remarks>Subscribes before it returns (ExecuteAsync runs in the background), so no event published after the start is missed.</remarks>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _events = _bus.Subscribe<INodeEvent>();
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var events = _events!;
        foreach (var unprepared in _store.All().Where(record => !record.Prepared))
        {
            await PrepareAsync(unprepared, stoppingToken).ConfigureAwait(false);
        }

        await foreach (var nodeEvent in events.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            switch (nodeEvent)
            {
                case StandbyNamed named:
                    await NamedAsync(named, stoppingToken).ConfigureAwait(false);
                    break;
                case StandbyReleased released when _store.Remove(released.OrderId):
                    StandbyLog.Released(_logger, released.OrderId, "dropped, left or the order closed");
                    break;
                case LeaseWon won when _store.Find(won.OrderId) is { } promoted && _store.Remove(won.OrderId):
                    Remember(won.OrderId, promoted);
                    StandbyLog.Released(_logger, won.OrderId, $"promoted to lease {won.LeaseId} at epoch {won.Epoch}");
                    break;
                case ChainRolledBack:
                    await RestoreAfterRollbackAsync(stoppingToken).ConfigureAwait(false);
                    break;
                case LeaseEnded ended:
                    Ended(ended);
                    break;
            }
        }
    }

    private void Remember(System.Numerics.BigInteger orderId, StandbyRecord record)
    {
        // Bounded: only a promotion within reorg depth matters, and a node is promoted rarely.
        if (_promoted.Count >= 64)
        {
            _promoted.Remove(_promoted.Keys.First());
        }

        _promoted[orderId] = record;
    }

    /// <summary>
    /// After a reorg, asks the chain whether each order this node was promoted in names it a standby again (the report
    /// behind the promotion was removed); if so the standby is restored, so that it replicates the active provider's
    /// checkpoints again (without it the active provider's commits wait for a holder that never comes).
    /// </summary>
    private async Task RestoreAfterRollbackAsync(CancellationToken cancellationToken)
    {
        if (_account is null || _promoted.Count == 0)
        {
            return;
        }

        try
        {
            var owner = await _account.OwnerAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (orderId, record) in _promoted.ToArray())
            {
                var queue = await _market.GetStandbysAsync(orderId, cancellationToken).ConfigureAwait(false);
                if (owner is not null && queue.Any(standby => string.Equals(standby.Provider, owner, StringComparison.OrdinalIgnoreCase)))
                {
                    _promoted.Remove(orderId);
                    _store.Save(record with { UpdatedAt = DateTime.UtcNow });
                    StandbyLog.RestoredAfterReorg(_logger, orderId);
                }
            }
        }
        catch (Exception exception) when (exception is RpcTransportException or RpcErrorException or ContractRevertException)
        {
            // The next rollback asks again; until then the lease's own reconciler has already read the chain back.
            StandbyLog.RestoreFailed(_logger, exception);
        }
    }

    private async Task NamedAsync(StandbyNamed named, CancellationToken cancellationToken)
    {
        if (_store.Find(named.OrderId) is { Prepared: true })
        {
            return;
        }

        StandbyLog.Named(_logger, named.OrderId, named.FirstLeaseId, named.LeaseCount);
        var record = _store.Find(named.OrderId) ?? new StandbyRecord
        {
            Id = named.OrderId.ToString(CultureInfo.InvariantCulture),
            FirstLeaseId = named.FirstLeaseId.ToString(CultureInfo.InvariantCulture),
            LeaseCount = named.LeaseCount,
            UpdatedAt = DateTime.UtcNow,
        };
        _store.Save(record);
        await PrepareAsync(record, cancellationToken).ConfigureAwait(false);
    }

    private void Ended(LeaseEnded ended)
    {
        if (_store.FindByLease(ended.LeaseId) is not { } record)
        {
            return;
        }

        var next = record with { EndedLeases = [.. record.EndedLeases, ended.LeaseId.ToString(CultureInfo.InvariantCulture)], UpdatedAt = DateTime.UtcNow };
        var orderId = System.Numerics.BigInteger.Parse(record.Id, CultureInfo.InvariantCulture);
        if (next.EndedLeases.Count >= next.LeaseCount)
        {
            _store.Remove(orderId);
            StandbyLog.Released(_logger, orderId, "every lease of the order ended");
        }
        else
        {
            _store.Save(next);
        }
    }

    private async Task PrepareAsync(StandbyRecord record, CancellationToken cancellationToken)
    {
        var orderId = System.Numerics.BigInteger.Parse(record.Id, CultureInfo.InvariantCulture);
        string? problem;
        var inputs = 0;
        try
        {
            var order = await _market.GetOrderAsync(orderId, cancellationToken).ConfigureAwait(false);
            var spec = order?.SpecCid is { } cid && await _specs.GetAsync(cid, _contentWait, cancellationToken).ConfigureAwait(false) is { } bytes
                ? JobSpecParser.Parse(bytes).Spec
                : null;
            problem = spec is null ? "the spec could not be fetched or is not valid" : await MissingAsync(spec, cancellationToken).ConfigureAwait(false);
            inputs = spec?.Inputs.Count ?? 0;
        }
        catch (Exception exception) when (exception is RpcTransportException or RpcErrorException or ContractRevertException or TimeoutException)
        {
            StandbyLog.PreparationFailed(_logger, exception, orderId);
            return;
        }

        if (_store.Find(orderId) is not { } current)
        {
            return;
        }

        _store.Save(current with { Prepared = problem is null, Problem = problem, UpdatedAt = DateTime.UtcNow });
        if (problem is null)
        {
            StandbyLog.Prepared(_logger, orderId, inputs);
        }
        else
        {
            StandbyLog.NotPrepared(_logger, orderId, problem);
        }
    }

    /// <summary>What the hand-over would lack: an input that did not come, or a Docker image not on this machine; null when nothing.</summary>
    private async Task<string?> MissingAsync(JobSpec spec, CancellationToken cancellationToken)
    {
        foreach (var input in spec.Inputs)
        {
            if (await _specs.GetAsync(Cid.Parse(input.Cid), _contentWait, cancellationToken).ConfigureAwait(false) is null)
            {
                return $"input {input.Name} ({input.Cid}) could not be fetched";
            }
        }

        if (spec.Runtime != WorkloadRuntimeKind.Docker || spec.Image is null)
        {
            return null;
        }

        var docker = _runtimes.OfType<DockerWorkloadRuntime>().FirstOrDefault();
        if (docker is null)
        {
            return $"the spec runs image {spec.Image} on Docker, which this node does not enable";
        }

        try
        {
            return await docker.ImageExistsAsync(spec.Image, cancellationToken).ConfigureAwait(false)
                ? null
                : $"image {spec.Image} is not on this machine; load it (docker pull or docker load) before a hand-over needs it";
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or Docker.DotNet.DockerApiException)
        {
            return $"the Docker engine could not be asked for image {spec.Image}: {exception.Message}";
        }
    }
}
