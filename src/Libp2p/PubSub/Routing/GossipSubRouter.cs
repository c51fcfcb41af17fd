using System.Net;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub.Scoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Libp2p.PubSub.Routing;

/// <summary>
/// The transport-independent gossipsub v1.1 router (with floodsub behaviour towards <c>/floodsub/1.0.0</c> peers).
/// Inputs: <see cref="AddPeer"/>, <see cref="RemovePeer"/>, <see cref="HandleRpcAsync"/>, <see cref="Heartbeat"/>
/// and the local API; output: RPCs queued on an <see cref="IPubSubTransport"/>. All state is guarded by one lock;
/// signature checks and application validators run outside it.
/// </summary>
public sealed partial class GossipSubRouter : IDisposable
{
    private readonly Lock _gate = new();
    private readonly IPubSubTransport _transport;
    private readonly GossipSubOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly PrivateKey? _signingKey;
    private readonly Dictionary<PeerId, PeerState> _peers = [];
    private readonly Dictionary<string, HashSet<PeerId>> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<PeerId>> _mesh = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<PeerId>> _fanout = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _fanoutLastPublished = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<PeerId, long>> _backoff = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PubSubSubscription>> _subscribers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TopicValidator> _validators = new(StringComparer.Ordinal);
    private readonly Dictionary<PeerId, int> _peerHave = [];
    private readonly Dictionary<PeerId, int> _iasked = [];
    private readonly Dictionary<PeerId, int> _iwantCounts = [];
    private readonly SeenCache _seen;
    private readonly MessageCache _cache;
    private readonly GossipPromises _promises;
    private readonly PeerScore _score;
    private readonly CancellationTokenSource _stopping = new();
    private ulong _sequenceNumber;
    private long _heartbeatTicks;
    private long _lastScoreRefresh;

    /// <summary>Creates a router for <paramref name="localPeer"/>; <paramref name="signingKey"/> is required under StrictSign.</summary>
    public GossipSubRouter(
        PeerId localPeer,
        PrivateKey? signingKey,
        IPubSubTransport transport,
        GossipSubOptions? options = null,
        ILogger? logger = null,
        TimeProvider? time = null,
        Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(localPeer);
        ArgumentNullException.ThrowIfNull(transport);
        _options = options ?? new GossipSubOptions();
        _options.Validate();
        if (_options.SignaturePolicy == SignaturePolicy.StrictSign && (signingKey is null || signingKey.PeerId != localPeer))
        {
            throw new ArgumentException("StrictSign needs the local peer's private key to sign published messages.", nameof(signingKey));
        }

        LocalPeer = localPeer;
        _signingKey = signingKey;
        _transport = transport;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _random = random ?? new Random();
        _seen = new SeenCache(_time, _options.SeenTimeToLive);
        _cache = new MessageCache(_options.HistoryLength, _options.HistoryGossip);
        _promises = new GossipPromises(_time, _options.IWantFollowUpTime, _random);
        _score = new PeerScore(_options.Score, _time);
        _lastScoreRefresh = _time.GetTimestamp();
        Metrics = new GossipSubMetrics(localPeer.ToString());

        // Start from a random point so sequence numbers stay unique across restarts with the same key.
        _sequenceNumber = (ulong)_random.NextInt64() & 0x7FFF_FFFF_FFFF_0000UL;
    }

    /// <summary>Raised (outside the router lock) with peers learned from PRUNE peer exchange.</summary>
    public event Action<IReadOnlyList<ExchangedPeer>>? PeersExchanged;

    /// <summary>This node's peer id.</summary>
    public PeerId LocalPeer { get; }

    /// <summary>The router's instruments (meter <see cref="GossipSubMetrics.MeterName"/>).</summary>
    public GossipSubMetrics Metrics { get; }

    /// <summary>The options in force.</summary>
    public GossipSubOptions Options => _options;

    /// <summary>A pubsub peer connected; <paramref name="protocol"/> is the one negotiated for our outbound stream.</summary>
    public void AddPeer(PeerId peer, string protocol, bool outbound, IPAddress? address)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (_gate)
        {
            if (_peers.TryGetValue(peer, out var existing))
            {
                existing.Protocol = protocol;
                existing.Outbound |= outbound;
                return;
            }

            _peers[peer] = new PeerState(protocol, outbound, address, _options.RateLimit, _time.GetTimestamp());
            _score.AddPeer(peer, address);
            PubSubLog.PeerAdded(_logger, peer, protocol, outbound);
            if (_subscribers.Count > 0)
            {
                _transport.Send(peer, RpcBuilder.Subscriptions(_subscribers.Keys, subscribe: true));
            }
        }
    }

    /// <summary>A pubsub peer disconnected.</summary>
    public void RemovePeer(PeerId peer)
    {
        lock (_gate)
        {
            if (!_peers.Remove(peer, out var state))
            {
                return;
            }

            foreach (var topic in state.Topics)
            {
                RemoveFromSet(_topics, topic, peer);
            }

            foreach (var members in _mesh.Values)
            {
                members.Remove(peer);
            }

            foreach (var members in _fanout.Values)
            {
                members.Remove(peer);
            }

            _peerHave.Remove(peer);
            _iasked.Remove(peer);
            _iwantCounts.Remove(peer);
            _score.RemovePeer(peer);
            PubSubLog.PeerRemoved(_logger, peer);
        }
    }

    /// <summary>Registers the validator of <paramref name="topic"/>, replacing any previous one.</summary>
    public void RegisterValidator(string topic, TopicValidator validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        lock (_gate)
        {
            _validators[topic] = validator;
        }
    }

    /// <summary>Removes the validator of <paramref name="topic"/>.</summary>
    public void UnregisterValidator(string topic)
    {
        lock (_gate)
        {
            _validators.Remove(topic);
        }
    }

    /// <summary>Stops validators in flight and completes every local subscription.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        Metrics.Dispose();
        lock (_gate)
        {
            foreach (var subscription in _subscribers.Values.SelectMany(list => list))
            {
                subscription.Complete();
            }

            _subscribers.Clear();
        }

        // _stopping is cancelled but not disposed: an RPC still being handled may link to its token, and a source
        // without timers holds nothing that needs releasing.
    }

    private static void RemoveFromSet(Dictionary<string, HashSet<PeerId>> map, string topic, PeerId peer)
    {
        if (map.TryGetValue(topic, out var members) && members.Remove(peer) && members.Count == 0)
        {
            map.Remove(topic);
        }
    }

    private double ScoreOf(PeerId peer) => _score.Score(peer);

    private bool IsDirect(PeerId peer) => _options.DirectPeers.Contains(peer);

    private bool IsBackedOff(string topic, PeerId peer) =>
        _backoff.TryGetValue(topic, out var peers) && peers.TryGetValue(peer, out var expires) && _time.GetTimestamp() < expires;

    private void AddBackoff(PeerId peer, string topic, TimeSpan duration)
    {
        if (!_backoff.TryGetValue(topic, out var peers))
        {
            peers = [];
            _backoff[topic] = peers;
        }

        var expires = _time.GetTimestamp() + Ticks(duration);
        if (!peers.TryGetValue(peer, out var current) || current < expires)
        {
            peers[peer] = expires;
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    /// <summary>Sorted then shuffled, so runs with the same seed pick the same peers.</summary>
    private List<PeerId> Shuffled(IEnumerable<PeerId> peers)
    {
        var list = peers.ToList();
        list.Sort();
        for (var index = list.Count - 1; index > 0; index--)
        {
            var other = _random.Next(index + 1);
            (list[index], list[other]) = (list[other], list[index]);
        }

        return list;
    }
}
