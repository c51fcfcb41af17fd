using System.Numerics;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.NodeEvents;
using Microsoft.Extensions.Hosting;

namespace DePinGpu.ProviderNode.Checkpoints;

/// <summary>
/// Who said they hold which checkpoint: every <see cref="PeerCheckpointAnnounced"/> with <c>Held</c> true, by lease,
/// epoch and CID. One node-wide subscription that every <see cref="CheckpointCommitter"/> reads, so a lease run does not
/// leave a bus subscription behind. Entries of a lease are dropped once a later checkpoint of it is mined.
/// </summary>
public sealed class CheckpointHolders : BackgroundService
{
    private readonly NodeEventBus _bus;
    private readonly Dictionary<(BigInteger LeaseId, uint Epoch, Cid Cid), (ulong Step, HashSet<string> Providers)> _holders = [];
    private System.Threading.Channels.ChannelReader<INodeEvent>? _events;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the registry; it subscribes when it starts.</summary>
    public CheckpointHolders(NodeEventBus bus) => _bus = bus;

    /// <summary>Completes at the next change (a new holder recorded).</summary>
    public Task NextChange
    {
        get
        {
            lock (_holders)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>How many of <paramref name="standbys"/> (provider addresses, lower-case) said they hold <paramref name="cid"/> of the lease at <paramref name="epoch"/>.</summary>
    public int Count(BigInteger leaseId, uint epoch, Cid cid, IReadOnlySet<string> standbys)
    {
        ArgumentNullException.ThrowIfNull(standbys);
        lock (_holders)
        {
            return _holders.TryGetValue((leaseId, epoch, cid), out var entry) ? entry.Providers.Count(standbys.Contains) : 0;
        }
    }

    /// <summary>Records one announcement (only <c>Held</c> ones count).</summary>
    public void Record(PeerCheckpointAnnounced announced)
    {
        ArgumentNullException.ThrowIfNull(announced);
        if (!announced.Held)
        {
            return;
        }

        TaskCompletionSource changed;
        lock (_holders)
        {
            var key = (announced.LeaseId, announced.Epoch, announced.Cid);
            if (!_holders.TryGetValue(key, out var entry))
            {
                entry = (announced.Step, new HashSet<string>(StringComparer.Ordinal));
                _holders[key] = entry;
            }

            if (!entry.Providers.Add(announced.Provider.ToLowerInvariant()))
            {
                return;
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>Forgets the lease's checkpoints older than the mined one.</summary>
    public void Forget(CheckpointMined mined)
    {
        ArgumentNullException.ThrowIfNull(mined);
        lock (_holders)
        {
            foreach (var key in _holders.Keys.Where(key => key.LeaseId == mined.LeaseId
                && (key.Epoch < mined.Epoch || (key.Epoch == mined.Epoch && _holders[key].Step < mined.Step))).ToList())
            {
                _holders.Remove(key);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>Subscribes before it returns (ExecuteAsync runs in the background), so no announcement after the start is missed.</remarks>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _events = _bus.Subscribe<INodeEvent>();
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var nodeEvent in _events!.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            switch (nodeEvent)
            {
                case PeerCheckpointAnnounced announced:
                    Record(announced);
                    break;
                case CheckpointMined mined:
                    Forget(mined);
                    break;
            }
        }
    }
}
