using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PeerRecords;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.PubSub.Routing;

/// <summary>IHAVE, IWANT, GRAFT and PRUNE handling (IDONTWANT of v1.2 is accepted and ignored).</summary>
public sealed partial class GossipSubRouter
{
    private void HandleControl(PeerId from, ControlMessage control)
    {
        List<ExchangedPeer> exchanged = [];
        lock (_gate)
        {
            if (!_peers.TryGetValue(from, out var state) || state.IsFloodSub)
            {
                return;
            }

            var iwant = HandleIHave(from, control.IHave);
            var answers = HandleIWant(from, control.IWant);
            var prunes = HandleGraft(from, control.Graft);
            HandlePrune(from, control.Prune, exchanged);
            if (iwant.Count > 0 || answers.Count > 0 || prunes.Count > 0)
            {
                var sent = _transport.Send(from, RpcBuilder.Control(prune: prunes, iwant: iwant.Count > 0 ? [new ControlIWant(iwant.Select(id => id.OwnedArray).ToList())] : null, messages: answers));
                if (sent && iwant.Count > 0)
                {
                    _promises.Add(from, iwant);
                }
            }
        }

        if (exchanged.Count > 0)
        {
            PeersExchanged?.Invoke(exchanged);
        }
    }

    private List<MessageId> HandleIHave(PeerId from, IReadOnlyList<ControlIHave> ihave)
    {
        var wanted = new List<MessageId>();
        if (ihave.Count == 0 || ScoreOf(from) < _options.Thresholds.GossipThreshold)
        {
            return wanted;
        }

        var advertisements = _peerHave.GetValueOrDefault(from) + 1;
        _peerHave[from] = advertisements;
        var asked = _iasked.GetValueOrDefault(from);
        if (advertisements > _options.MaxIHaveMessages || asked >= _options.MaxIHaveLength)
        {
            return wanted;
        }

        var unique = new HashSet<MessageId>();
        var examined = 0;
        foreach (var entry in ihave.Where(entry => _mesh.ContainsKey(entry.Topic)))
        {
            foreach (var bytes in entry.MessageIds)
            {
                if (++examined > _options.MaxIHaveLength)
                {
                    break;
                }

                var id = MessageId.FromOwnedArray(bytes);
                if (!_seen.Contains(id) && unique.Add(id))
                {
                    wanted.Add(id);
                }
            }
        }

        var budget = Math.Min(wanted.Count, _options.MaxIHaveLength - asked);
        wanted = [.. wanted.OrderBy(_ => _random.Next()).Take(budget)];
        _iasked[from] = asked + wanted.Count;
        return wanted;
    }

    private List<RpcMessage> HandleIWant(PeerId from, IReadOnlyList<ControlIWant> iwant)
    {
        var answers = new List<RpcMessage>();
        if (iwant.Count == 0 || ScoreOf(from) < _options.Thresholds.GossipThreshold)
        {
            return answers;
        }

        var requests = _iwantCounts.GetValueOrDefault(from) + 1;
        _iwantCounts[from] = requests;
        if (requests > _options.MaxIWantMessages)
        {
            return answers;
        }

        var unique = new HashSet<MessageId>();
        var examined = 0;
        foreach (var bytes in iwant.SelectMany(entry => entry.MessageIds))
        {
            if (++examined > _options.MaxIHaveLength)
            {
                break;
            }

            var id = MessageId.FromOwnedArray(bytes);
            if (unique.Add(id) && _cache.TryGetForPeer(id, from, out var message, out var count) && count <= _options.GossipRetransmission)
            {
                answers.Add(message);
            }
        }

        return answers;
    }

    private List<ControlPrune> HandleGraft(PeerId from, IReadOnlyList<ControlGraft> grafts)
    {
        var refused = new List<string>();
        var doPeerExchange = _options.DoPeerExchange;
        var score = ScoreOf(from);
        foreach (var graft in grafts)
        {
            if (!_mesh.TryGetValue(graft.Topic, out var mesh))
            {
                // Unknown topic: ignore (spam hardening), and do not leak our peers through PX.
                doPeerExchange = false;
                continue;
            }

            if (mesh.Contains(from))
            {
                continue;
            }

            if (IsDirect(from))
            {
                // Direct peers never join a mesh; a GRAFT means the peering is configured on one side only.
                PubSubLog.GraftRefused(_logger, from, graft.Topic, "direct peer");
                doPeerExchange = false;
                refused.Add(graft.Topic);
                continue;
            }

            if (_backoff.TryGetValue(graft.Topic, out var backoffs) && backoffs.TryGetValue(from, out var expires) && _time.GetTimestamp() < expires)
            {
                // GRAFT during our back-off: penalise, twice if it comes right after our PRUNE, and refresh the back-off.
                PubSubLog.GraftRefused(_logger, from, graft.Topic, "backed off");
                var penalty = _time.GetTimestamp() < expires + Ticks(_options.GraftFloodThreshold) - Ticks(_options.PruneBackoff) ? 2 : 1;
                _score.AddPenalty(from, penalty);
                doPeerExchange = false;
                AddBackoff(from, graft.Topic, _options.PruneBackoff);
                refused.Add(graft.Topic);
            }
            else if (score < 0)
            {
                PubSubLog.GraftRefused(_logger, from, graft.Topic, "negative score");
                doPeerExchange = false;
                AddBackoff(from, graft.Topic, _options.PruneBackoff);
                refused.Add(graft.Topic);
            }
            else if (mesh.Count >= _options.DHigh && !_peers[from].Outbound)
            {
                refused.Add(graft.Topic);
                AddBackoff(from, graft.Topic, _options.PruneBackoff);
            }
            else
            {
                mesh.Add(from);
                _score.Graft(from, graft.Topic);
            }
        }

        return refused.Select(topic => MakePrune(from, topic, doPeerExchange, unsubscribing: false)).ToList();
    }

    private void HandlePrune(PeerId from, IReadOnlyList<ControlPrune> prunes, List<ExchangedPeer> exchanged)
    {
        foreach (var prune in prunes)
        {
            if (!_mesh.TryGetValue(prune.Topic, out var mesh))
            {
                continue;
            }

            _score.Prune(from, prune.Topic);
            mesh.Remove(from);
            var backoff = prune.BackoffSeconds is > 0 and var seconds && seconds < (ulong)TimeSpan.FromDays(1).TotalSeconds
                ? TimeSpan.FromSeconds(seconds)
                : _options.PruneBackoff;
            AddBackoff(from, prune.Topic, backoff);
            if (prune.Peers.Count > 0 && ScoreOf(from) >= _options.Thresholds.AcceptPeerExchangeThreshold)
            {
                exchanged.AddRange(ParseExchangedPeers(prune.Peers));
            }
        }
    }

    private IEnumerable<ExchangedPeer> ParseExchangedPeers(IReadOnlyList<PeerExchangeRecord> records)
    {
        foreach (var record in records.Take(_options.PrunePeers))
        {
            PeerId? peer = null;
            try
            {
                peer = record.PeerId is null ? null : PeerId.FromBytes(record.PeerId);
            }
            catch (FormatException)
            {
                // A malformed PX entry is skipped; the rest of the PRUNE is still honoured.
            }

            if (peer is not null && peer != LocalPeer && !_peers.ContainsKey(peer))
            {
                yield return new ExchangedPeer(peer, record.SignedPeerRecord);
            }
        }
    }

    private ControlPrune MakePrune(PeerId peer, string topic, bool doPeerExchange, bool unsubscribing)
    {
        _score.Prune(peer, topic);
        if (!_peers.TryGetValue(peer, out var state) || !PubSubProtocols.SupportsBackoff(state.Protocol))
        {
            return new ControlPrune(topic, [], null);
        }

        var backoff = unsubscribing ? _options.UnsubscribeBackoff : _options.PruneBackoff;
        AddBackoff(peer, topic, backoff);
        var exchange = doPeerExchange
            ? GossipPeersInTopic(topic, other => other != peer && ScoreOf(other) >= 0)
                .Take(_options.PrunePeers)
                .Select(other => new PeerExchangeRecord(other.ToByteArray(), _transport.SignedPeerRecordOf(other)))
                .ToList()
            : [];
        return new ControlPrune(topic, exchange, (ulong)backoff.TotalSeconds);
    }
}
