using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.PubSub.Routing;

/// <summary>Read-only views of the router state (snapshots taken under the lock).</summary>
public sealed partial class GossipSubRouter
{
    /// <summary>Connected pubsub peers.</summary>
    public IReadOnlyList<PeerId> GetPeers()
    {
        lock (_gate)
        {
            return [.. _peers.Keys];
        }
    }

    /// <summary>The protocol a peer speaks, or null when it is not connected.</summary>
    public string? GetPeerProtocol(PeerId peer)
    {
        lock (_gate)
        {
            return _peers.TryGetValue(peer, out var state) ? state.Protocol : null;
        }
    }

    /// <summary>Our mesh peers for <paramref name="topic"/>.</summary>
    public IReadOnlyList<PeerId> GetMeshPeers(string topic)
    {
        lock (_gate)
        {
            return _mesh.TryGetValue(topic, out var members) ? [.. members] : [];
        }
    }

    /// <summary>Peers known to be subscribed to <paramref name="topic"/>.</summary>
    public IReadOnlyList<PeerId> GetTopicPeers(string topic)
    {
        lock (_gate)
        {
            return _topics.TryGetValue(topic, out var members) ? [.. members] : [];
        }
    }

    /// <summary>Topics this node is subscribed to.</summary>
    public IReadOnlyList<string> GetSubscribedTopics()
    {
        lock (_gate)
        {
            return [.. _subscribers.Keys];
        }
    }

    /// <summary>The current score of <paramref name="peer"/> (0 for unknown peers).</summary>
    public double GetScore(PeerId peer)
    {
        lock (_gate)
        {
            return _score.Score(peer);
        }
    }

    /// <summary>Scores of all connected peers.</summary>
    public IReadOnlyDictionary<PeerId, double> GetScores()
    {
        lock (_gate)
        {
            return _peers.Keys.ToDictionary(peer => peer, _score.Score);
        }
    }

    /// <summary>True when <paramref name="peer"/> is below the graylist threshold (its RPCs are ignored).</summary>
    public bool IsGraylisted(PeerId peer) => GetScore(peer) < _options.Thresholds.GraylistThreshold;
}
