using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.PubSub.Routing;

/// <summary>Publishing own messages and relaying accepted ones.</summary>
public sealed partial class GossipSubRouter
{
    /// <summary>
    /// Signs (under StrictSign) and publishes <paramref name="data"/> on <paramref name="topic"/>. Subscribing is not
    /// required (fanout is used). Throws <see cref="ArgumentException"/> when the message exceeds the size limit.
    /// </summary>
    public PublishResult Publish(string topic, ReadOnlySpan<byte> data)
    {
        ValidateTopic(topic);
        var message = _options.SignaturePolicy == SignaturePolicy.StrictSign
            ? MessageSigning.CreateSigned(_signingKey!, topic, data.ToArray(), Interlocked.Increment(ref _sequenceNumber))
            : MessageSigning.CreateUnsigned(topic, data.ToArray());
        var size = RpcEncoder.MessageSize(message);
        if (size > _options.MaxMessageSize)
        {
            throw new ArgumentException($"The message is {size} bytes; the limit is {_options.MaxMessageSize}.", nameof(data));
        }

        var id = _options.MessageIdFunctionFor(topic)(message);
        lock (_gate)
        {
            if (!_seen.TryAdd(id))
            {
                // Only possible under StrictNoSign when the same payload is published twice within the seen TTL.
                return new PublishResult(id, 0);
            }

            _cache.Put(id, message);
            var recipients = SelectPublishRecipients(topic);
            var rpc = RpcBuilder.Message(message);
            var sent = recipients.Count(peer => _transport.Send(peer, rpc));
            if (_options.DeliverOwnMessages)
            {
                DeliverLocally(ToDelivered(message, _options.SignaturePolicy == SignaturePolicy.StrictSign ? LocalPeer : null, id, LocalPeer));
            }

            Metrics.Published(topic);
            return new PublishResult(id, sent);
        }
    }

    private HashSet<PeerId> SelectPublishRecipients(string topic)
    {
        var recipients = new HashSet<PeerId>();
        if (!_topics.TryGetValue(topic, out var topicPeers))
        {
            return recipients;
        }

        var publishThreshold = _options.Thresholds.PublishThreshold;
        recipients.UnionWith(topicPeers.Where(IsDirect));
        if (_options.FloodPublish)
        {
            recipients.UnionWith(topicPeers.Where(peer => ScoreOf(peer) >= publishThreshold));
            return recipients;
        }

        recipients.UnionWith(topicPeers.Where(peer => _peers[peer].IsFloodSub && ScoreOf(peer) >= publishThreshold));
        if (_mesh.TryGetValue(topic, out var mesh))
        {
            recipients.UnionWith(mesh);
            if (mesh.Count < _options.D)
            {
                recipients.UnionWith(GossipPeersInTopic(topic, peer => !mesh.Contains(peer) && ScoreOf(peer) >= publishThreshold)
                    .Take(_options.D - mesh.Count));
            }

            return recipients;
        }

        if (!_fanout.TryGetValue(topic, out var fanout) || fanout.Count == 0)
        {
            fanout = [.. GossipPeersInTopic(topic, peer => ScoreOf(peer) >= publishThreshold).Take(_options.D)];
            _fanout[topic] = fanout;
        }

        _fanoutLastPublished[topic] = _time.GetTimestamp();
        recipients.UnionWith(fanout);
        return recipients;
    }

    /// <summary>Relays an accepted message to the mesh and to subscribed floodsub peers, never back to its source or author.</summary>
    private void Forward(RpcMessage message, PeerId source, PeerId? author)
    {
        var rpc = RpcBuilder.Message(message);
        var publishThreshold = _options.Thresholds.PublishThreshold;
        if (_mesh.TryGetValue(message.Topic, out var mesh))
        {
            foreach (var peer in mesh)
            {
                if (peer != source && peer != author)
                {
                    _transport.Send(peer, rpc);
                }
            }
        }

        if (!_topics.TryGetValue(message.Topic, out var topicPeers))
        {
            return;
        }

        foreach (var peer in topicPeers)
        {
            if (peer != source && peer != author && ((_peers[peer].IsFloodSub && ScoreOf(peer) >= publishThreshold) || IsDirect(peer)))
            {
                _transport.Send(peer, rpc);
            }
        }
    }
}
