using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.PubSub.Routing;

/// <summary>Local subscriptions (JOIN/LEAVE) and remote subscription announcements.</summary>
public sealed partial class GossipSubRouter
{
    /// <summary>Subscribes to <paramref name="topic"/>; dispose the result to unsubscribe.</summary>
    public PubSubSubscription Subscribe(string topic)
    {
        ValidateTopic(topic);
        var subscription = new PubSubSubscription(topic, _options.SubscriptionBufferCapacity, Unsubscribe);
        lock (_gate)
        {
            if (_subscribers.TryGetValue(topic, out var list))
            {
                list.Add(subscription);
                return subscription;
            }

            _subscribers[topic] = [subscription];
            var announcement = RpcBuilder.Subscriptions([topic], subscribe: true);
            foreach (var peer in _peers.Keys)
            {
                _transport.Send(peer, announcement);
            }

            Join(topic);
        }

        return subscription;
    }

    private void ValidateTopic(string topic)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        if (System.Text.Encoding.UTF8.GetByteCount(topic) > _options.DecodeLimits.MaxTopicLength)
        {
            throw new ArgumentException($"Topic ids are limited to {_options.DecodeLimits.MaxTopicLength} UTF-8 bytes.", nameof(topic));
        }
    }

    private void Unsubscribe(PubSubSubscription subscription)
    {
        lock (_gate)
        {
            if (!_subscribers.TryGetValue(subscription.Topic, out var list) || !list.Remove(subscription) || list.Count > 0)
            {
                return;
            }

            _subscribers.Remove(subscription.Topic);
            var announcement = RpcBuilder.Subscriptions([subscription.Topic], subscribe: false);
            foreach (var peer in _peers.Keys)
            {
                _transport.Send(peer, announcement);
            }

            Leave(subscription.Topic);
        }
    }

    private void Join(string topic)
    {
        if (_mesh.ContainsKey(topic))
        {
            return;
        }

        var members = new HashSet<PeerId>();
        if (_fanout.Remove(topic, out var fanout))
        {
            _fanoutLastPublished.Remove(topic);
            foreach (var peer in fanout.Where(peer => ScoreOf(peer) >= 0 && !IsBackedOff(topic, peer)))
            {
                members.Add(peer);
            }
        }

        if (members.Count < _options.D)
        {
            var candidates = GossipPeersInTopic(topic, peer => !members.Contains(peer) && ScoreOf(peer) >= 0 && !IsBackedOff(topic, peer));
            members.UnionWith(candidates.Take(_options.D - members.Count));
        }

        _mesh[topic] = members;
        var graft = RpcBuilder.Graft([topic]);
        foreach (var peer in members)
        {
            _score.Graft(peer, topic);
            _transport.Send(peer, graft);
        }
    }

    private void Leave(string topic)
    {
        if (!_mesh.Remove(topic, out var members))
        {
            return;
        }

        foreach (var peer in members)
        {
            _transport.Send(peer, RpcBuilder.Control(prune: [MakePrune(peer, topic, _options.DoPeerExchange, unsubscribing: true)]));
        }
    }

    /// <summary>Applies a peer's subscription changes; returns the topics it was grafted into on the spot.</summary>
    private List<string> ApplyRemoteSubscriptions(PeerId peer, PeerState state, IReadOnlyList<SubscriptionOption> changes)
    {
        var grafted = new List<string>();
        foreach (var change in changes)
        {
            if (!change.Subscribe)
            {
                if (state.Topics.Remove(change.Topic))
                {
                    RemoveFromSet(_topics, change.Topic, peer);
                    if (_mesh.TryGetValue(change.Topic, out var mesh) && mesh.Remove(peer))
                    {
                        _score.Prune(peer, change.Topic);
                    }

                    if (_fanout.TryGetValue(change.Topic, out var fanout))
                    {
                        fanout.Remove(peer);
                    }
                }

                continue;
            }

            if (state.Topics.Contains(change.Topic))
            {
                continue;
            }

            if (state.Topics.Count >= _options.MaxTopicsPerPeer)
            {
                PubSubLog.TooManyTopics(_logger, change.Topic, peer, _options.MaxTopicsPerPeer);
                continue;
            }

            state.Topics.Add(change.Topic);
            if (!_topics.TryGetValue(change.Topic, out var members))
            {
                members = [];
                _topics[change.Topic] = members;
            }

            members.Add(peer);
            if (TryGraftOnSubscribe(peer, state, change.Topic))
            {
                grafted.Add(change.Topic);
            }
        }

        return grafted;
    }

    /// <summary>js 17 grafts a newly subscribed peer at once while the mesh is below D_lo, so early messages are not lost.</summary>
    private bool TryGraftOnSubscribe(PeerId peer, PeerState state, string topic)
    {
        if (!_mesh.TryGetValue(topic, out var mesh) || mesh.Contains(peer) || mesh.Count >= _options.DLow || IsDirect(peer) ||
            !PubSubProtocols.IsGossipSub(state.Protocol) || ScoreOf(peer) < 0 || IsBackedOff(topic, peer))
        {
            return false;
        }

        mesh.Add(peer);
        _score.Graft(peer, topic);
        return true;
    }

    /// <summary>Gossipsub (not floodsub) peers subscribed to <paramref name="topic"/> passing <paramref name="filter"/>, shuffled.</summary>
    private List<PeerId> GossipPeersInTopic(string topic, Func<PeerId, bool> filter)
    {
        if (!_topics.TryGetValue(topic, out var members))
        {
            return [];
        }

        // Direct peers get every message anyway: they are never mesh, fanout or gossip candidates.
        return Shuffled(members.Where(peer => _peers.TryGetValue(peer, out var state) && PubSubProtocols.IsGossipSub(state.Protocol)
            && !IsDirect(peer) && filter(peer)));
    }
}
