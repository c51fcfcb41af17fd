using System.Threading.Channels;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.ProviderNode.NodeEvents;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>
/// The node's side of the gossip topics: registers their validators, publishes its heartbeat every
/// <see cref="GossipOptions.HeartbeatInterval"/> and its capacity (periodically and when it changes), announces its
/// checkpoints (<see cref="OwnCheckpointImported"/>, <see cref="OwnCheckpointReplicated"/>), and turns other nodes'
/// validated messages into <see cref="PeerHeartbeatSeen"/>, <see cref="PeerCheckpointAnnounced"/> and
/// <see cref="PeerCapacitySeen"/> on the <see cref="NodeEventBus"/>.
/// </summary>
public sealed partial class GossipService : BackgroundService
{
    private readonly GossipSubService _pubSub;
    private readonly GossipTopics _topics;
    private readonly GossipValidator _validator;
    private readonly NodeEventBus _bus;
    private readonly ILocalGossipState _local;
    private readonly GossipOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<GossipService> _logger;
    private readonly GossipMetrics _metrics;
    private readonly Dictionary<GossipTopicKind, PubSubSubscription> _subscriptions = [];
    private ChannelReader<OwnCheckpointImported>? _imported;
    private ChannelReader<OwnCheckpointReplicated>? _replicated;
    private ulong _sequence;

    /// <summary>Creates the service; nothing is subscribed or published until it starts.</summary>
    public GossipService(
        GossipSubService pubSub,
        GossipTopics topics,
        GossipValidator validator,
        NodeEventBus bus,
        ILocalGossipState local,
        GossipOptions options,
        TimeProvider time,
        ILogger<GossipService> logger,
        GossipMetrics? metrics = null)
    {
        _pubSub = pubSub;
        _topics = topics;
        _validator = validator;
        _bus = bus;
        _local = local;
        _options = options;
        _time = time;
        _logger = logger;
        _metrics = metrics ?? new GossipMetrics();
    }

    /// <summary>Subscribes to the node events and the topics (validators first), then runs the loops.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Sequence numbers start at the Unix time in microseconds so that they keep increasing across restarts.
        _sequence = checked((ulong)_time.GetUtcNow().ToUnixTimeMilliseconds() * 1000);
        _imported = _bus.Subscribe<OwnCheckpointImported>();
        _replicated = _bus.Subscribe<OwnCheckpointReplicated>();
        foreach (var kind in GossipTopics.Kinds)
        {
            _pubSub.RegisterValidator(_topics.Name(kind), ValidatorFor(kind));
            _subscriptions[kind] = _pubSub.Subscribe(_topics.Name(kind));
        }

        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        foreach (var subscription in _subscriptions.Values)
        {
            subscription.Dispose();
        }
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        PublishLoopAsync(stoppingToken),
        AnnounceLoopAsync(_imported!, imported => (imported.LeaseId, imported.Epoch, imported.Step, imported.Cid, false), stoppingToken),
        AnnounceLoopAsync(_replicated!, replicated => (replicated.LeaseId, replicated.Epoch, replicated.Step, replicated.Cid, true), stoppingToken),
        ReceiveHeartbeatsAsync(_subscriptions[GossipTopicKind.Heartbeats], stoppingToken),
        ReceiveCheckpointsAsync(_subscriptions[GossipTopicKind.Checkpoints], stoppingToken),
        ReceiveCapacityAsync(_subscriptions[GossipTopicKind.Capacity], stoppingToken));

    private TopicValidator ValidatorFor(GossipTopicKind kind) => async (message, cancellationToken) =>
    {
        var verdict = await _validator.ValidateAsync(kind, message, cancellationToken).ConfigureAwait(false);
        _metrics.Validated(kind, verdict.Result);
        if (verdict.Result != ValidationResult.Accept)
        {
            GossipLog.MessageRefused(_logger, kind, message.ReceivedFrom, message.Author, verdict.Result, verdict.Reason);
        }

        return verdict.Result;
    };

    private PublishResult Publish(GossipTopicKind kind, byte[] message)
    {
        var result = _pubSub.Publish(_topics.Name(kind), message);
        _metrics.Published(kind);
        return result;
    }

    private GossipHeader NextHeader(string provider) =>
        new(provider, Interlocked.Increment(ref _sequence), _time.GetUtcNow());
}
