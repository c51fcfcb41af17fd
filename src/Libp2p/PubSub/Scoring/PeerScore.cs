using System.Net;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.PubSub.Scoring;

/// <summary>
/// The gossipsub v1.1 peer score (P1–P7) with decay and retention. Not thread-safe: the router calls it under its
/// own lock.
/// </summary>
internal sealed class PeerScore
{
    private static readonly TimeSpan DeliveryRecordLifetime = TimeSpan.FromMinutes(2);

    private readonly PeerScoreParameters _parameters;
    private readonly TimeProvider _time;
    private readonly Dictionary<PeerId, PeerStats> _peers = [];
    private readonly Dictionary<IPAddress, HashSet<PeerId>> _peersByAddress = [];
    private readonly Dictionary<MessageId, DeliveryRecord> _deliveries = [];
    private readonly Queue<(MessageId Id, long Expires)> _deliveryExpiry = new();

    public PeerScore(PeerScoreParameters parameters, TimeProvider time)
    {
        parameters.Validate();
        _parameters = parameters;
        _time = time;
    }

    public double Score(PeerId peer) =>
        _peers.TryGetValue(peer, out var stats) ? PeerScoreCalculator.Compute(peer, stats, _parameters, _peersByAddress) : 0;

    public void AddPeer(PeerId peer, IPAddress? address)
    {
        if (!_peers.TryGetValue(peer, out var stats))
        {
            stats = new PeerStats();
            _peers[peer] = stats;
        }

        stats.Connected = true;
        SetAddress(peer, stats, address);
    }

    public void RemovePeer(PeerId peer)
    {
        if (!_peers.TryGetValue(peer, out var stats))
        {
            return;
        }

        // A peer with a positive score leaves no grudge; a negative one is remembered so reconnecting does not reset it.
        if (Score(peer) > 0)
        {
            SetAddress(peer, stats, null);
            _peers.Remove(peer);
            return;
        }

        foreach (var (topic, topicStats) in stats.Topics)
        {
            if (topicStats.InMesh)
            {
                ApplyMeshFailure(topic, topicStats);
            }

            topicStats.InMesh = false;
        }

        SetAddress(peer, stats, null);
        stats.Connected = false;
        stats.ExpiresAt = _time.GetTimestamp() + ToTicks(_parameters.RetainScore);
    }

    public void Graft(PeerId peer, string topic)
    {
        if (_peers.TryGetValue(peer, out var stats) && _parameters.ForTopic(topic) is not null)
        {
            var topicStats = stats.Topic(topic);
            topicStats.InMesh = true;
            topicStats.GraftTimestamp = _time.GetTimestamp();
            topicStats.MeshTime = TimeSpan.Zero;
            topicStats.MeshMessageDeliveriesActive = false;
        }
    }

    public void Prune(PeerId peer, string topic)
    {
        if (_peers.TryGetValue(peer, out var stats) && stats.Topics.TryGetValue(topic, out var topicStats))
        {
            ApplyMeshFailure(topic, topicStats);
            topicStats.InMesh = false;
        }
    }

    public void AddPenalty(PeerId peer, int count)
    {
        if (_peers.TryGetValue(peer, out var stats))
        {
            stats.BehaviourPenalty += count;
        }
    }

    /// <summary>A message passed the pre-validation checks: start its delivery record.</summary>
    public void ValidateMessage(MessageId id)
    {
        if (!_deliveries.ContainsKey(id))
        {
            var now = _time.GetTimestamp();
            _deliveries[id] = new DeliveryRecord(now);
            _deliveryExpiry.Enqueue((id, now + ToTicks(DeliveryRecordLifetime)));
        }
    }

    /// <summary>The message from <paramref name="from"/> was accepted: reward it and peers that duplicated it meanwhile.</summary>
    public void DeliverMessage(PeerId from, MessageId id, string topic)
    {
        MarkFirstDelivery(from, topic);
        var record = Record(id);
        if (record.Status != DeliveryStatus.Unknown)
        {
            return;
        }

        record.Status = DeliveryStatus.Valid;
        record.Validated = _time.GetTimestamp();
        foreach (var peer in record.Peers)
        {
            if (peer != from)
            {
                MarkDuplicateDelivery(peer, topic, null);
            }
        }
    }

    /// <summary>The message was rejected (penalise the sender and any duplicate senders) or ignored (no penalty).</summary>
    public void RejectMessage(PeerId from, MessageId id, string topic, bool ignored)
    {
        var record = Record(id);
        if (record.Status != DeliveryStatus.Unknown)
        {
            return;
        }

        if (ignored)
        {
            record.Status = DeliveryStatus.Ignored;
            record.Peers.Clear();
            return;
        }

        record.Status = DeliveryStatus.Invalid;
        MarkInvalidDelivery(from, topic);
        foreach (var peer in record.Peers)
        {
            MarkInvalidDelivery(peer, topic);
        }

        record.Peers.Clear();
    }

    /// <summary>A message failed before it had an id (bad signature, unsigned, oversized).</summary>
    public void RejectInvalidMessage(PeerId from, string topic) => MarkInvalidDelivery(from, topic);

    public void DuplicateMessage(PeerId from, MessageId id, string topic)
    {
        var record = Record(id);
        if (record.Peers.Contains(from))
        {
            return;
        }

        switch (record.Status)
        {
            case DeliveryStatus.Unknown:
                record.Peers.Add(from);
                break;
            case DeliveryStatus.Valid:
                record.Peers.Add(from);
                MarkDuplicateDelivery(from, topic, record.Validated);
                break;
            case DeliveryStatus.Invalid:
                MarkInvalidDelivery(from, topic);
                break;
            default:
                break;
        }
    }

    /// <summary>Decays every counter once, refreshes mesh time and forgets expired peers and delivery records.</summary>
    public void Refresh()
    {
        var now = _time.GetTimestamp();
        var expired = new List<PeerId>();
        foreach (var (peer, stats) in _peers)
        {
            if (!stats.Connected && now > stats.ExpiresAt)
            {
                expired.Add(peer);
                continue;
            }

            PeerScoreCalculator.Decay(stats, _parameters, now, _time);
        }

        foreach (var peer in expired)
        {
            SetAddress(peer, _peers[peer], null);
            _peers.Remove(peer);
        }

        while (_deliveryExpiry.TryPeek(out var entry) && entry.Expires <= now)
        {
            _deliveryExpiry.Dequeue();
            _deliveries.Remove(entry.Id);
        }
    }

    private DeliveryRecord Record(MessageId id)
    {
        if (!_deliveries.TryGetValue(id, out var record))
        {
            ValidateMessage(id);
            record = _deliveries[id];
        }

        return record;
    }

    private void MarkFirstDelivery(PeerId peer, string topic)
    {
        if (!_peers.TryGetValue(peer, out var stats) || _parameters.ForTopic(topic) is not { } parameters)
        {
            return;
        }

        var topicStats = stats.Topic(topic);
        topicStats.FirstMessageDeliveries = Math.Min(topicStats.FirstMessageDeliveries + 1, parameters.FirstMessageDeliveriesCap);
        if (topicStats.InMesh)
        {
            topicStats.MeshMessageDeliveries = Math.Min(topicStats.MeshMessageDeliveries + 1, parameters.MeshMessageDeliveriesCap);
        }
    }

    private void MarkDuplicateDelivery(PeerId peer, string topic, long? validated)
    {
        if (!_peers.TryGetValue(peer, out var stats) || _parameters.ForTopic(topic) is not { } parameters)
        {
            return;
        }

        var topicStats = stats.Topic(topic);
        if (!topicStats.InMesh)
        {
            return;
        }

        if (validated is { } at && _time.GetElapsedTime(at) > parameters.MeshMessageDeliveriesWindow)
        {
            return;
        }

        topicStats.MeshMessageDeliveries = Math.Min(topicStats.MeshMessageDeliveries + 1, parameters.MeshMessageDeliveriesCap);
    }

    private void MarkInvalidDelivery(PeerId peer, string topic)
    {
        if (_peers.TryGetValue(peer, out var stats) && _parameters.ForTopic(topic) is not null)
        {
            stats.Topic(topic).InvalidMessageDeliveries += 1;
        }
    }

    private void ApplyMeshFailure(string topic, TopicStats topicStats)
    {
        if (_parameters.ForTopic(topic) is { } parameters && topicStats.MeshMessageDeliveriesActive &&
            topicStats.MeshMessageDeliveries < parameters.MeshMessageDeliveriesThreshold)
        {
            var deficit = parameters.MeshMessageDeliveriesThreshold - topicStats.MeshMessageDeliveries;
            topicStats.MeshFailurePenalty += deficit * deficit;
        }
    }

    private void SetAddress(PeerId peer, PeerStats stats, IPAddress? address)
    {
        if (stats.Address is not null && _peersByAddress.TryGetValue(stats.Address, out var previous))
        {
            previous.Remove(peer);
            if (previous.Count == 0)
            {
                _peersByAddress.Remove(stats.Address);
            }
        }

        stats.Address = address;
        if (address is not null)
        {
            if (!_peersByAddress.TryGetValue(address, out var peers))
            {
                peers = [];
                _peersByAddress[address] = peers;
            }

            peers.Add(peer);
        }
    }

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);
}
