using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.PubSub.Routing;

/// <summary>The heartbeat: mesh maintenance, fanout expiry, gossip emission, cache shifting and score upkeep.</summary>
public sealed partial class GossipSubRouter
{
    /// <summary>Runs one heartbeat (the host calls it every <see cref="GossipSubOptions.HeartbeatInterval"/>).</summary>
    public void Heartbeat()
    {
        lock (_gate)
        {
            _heartbeatTicks++;
            var outgoing = new Dictionary<PeerId, OutgoingControl>();
            var scores = new Dictionary<PeerId, double>();
            double Score(PeerId peer)
            {
                if (!scores.TryGetValue(peer, out var value))
                {
                    value = ScoreOf(peer);
                    scores[peer] = value;
                }

                return value;
            }

            RefreshScoresIfDue();
            ExpireBackoffs();
            ApplyBrokenPromises();
            _peerHave.Clear();
            _iasked.Clear();
            _iwantCounts.Clear();
            _seen.Prune();
            foreach (var (topic, mesh) in _mesh)
            {
                MaintainMesh(topic, mesh, Score, outgoing);
            }

            MaintainFanout(Score);
            EmitGossip(Score, outgoing);
            foreach (var (peer, control) in outgoing)
            {
                _transport.Send(peer, RpcBuilder.Control(graft: control.Graft, prune: control.Prune, ihave: control.IHave));
            }

            _cache.Shift();
        }
    }

    private void MaintainMesh(string topic, HashSet<PeerId> mesh, Func<PeerId, double> score, Dictionary<PeerId, OutgoingControl> outgoing)
    {
        var noPeerExchange = new HashSet<PeerId>();
        var pruned = new List<PeerId>();
        foreach (var peer in mesh.Where(peer => score(peer) < 0).ToList())
        {
            mesh.Remove(peer);
            pruned.Add(peer);
            noPeerExchange.Add(peer);
        }

        var candidates = GossipPeersInTopic(topic, peer => !mesh.Contains(peer) && score(peer) >= 0 && !IsBackedOff(topic, peer));
        if (mesh.Count < _options.DLow)
        {
            GraftFrom(topic, mesh, candidates, _options.D - mesh.Count, _ => true, outgoing);
        }

        if (mesh.Count > _options.DHigh)
        {
            foreach (var peer in SelectExcess(mesh, score))
            {
                mesh.Remove(peer);
                pruned.Add(peer);
            }
        }

        if (mesh.Count >= _options.DLow)
        {
            var outbound = mesh.Count(peer => _peers[peer].Outbound);
            if (outbound < _options.DOut)
            {
                GraftFrom(topic, mesh, candidates, _options.DOut - outbound, peer => _peers[peer].Outbound, outgoing);
            }
        }

        if (_heartbeatTicks % _options.OpportunisticGraftTicks == 0 && mesh.Count > 1)
        {
            var median = mesh.Select(score).Order().ElementAt(mesh.Count / 2);
            if (median < _options.Thresholds.OpportunisticGraftThreshold)
            {
                GraftFrom(topic, mesh, candidates, _options.OpportunisticGraftPeers, peer => score(peer) > median, outgoing);
            }
        }

        foreach (var peer in pruned)
        {
            Outgoing(outgoing, peer).Prune.Add(MakePrune(peer, topic, _options.DoPeerExchange && !noPeerExchange.Contains(peer), unsubscribing: false));
        }
    }

    private void GraftFrom(string topic, HashSet<PeerId> mesh, List<PeerId> candidates, int count, Func<PeerId, bool> filter, Dictionary<PeerId, OutgoingControl> outgoing)
    {
        foreach (var peer in candidates.Where(peer => !mesh.Contains(peer) && filter(peer)).Take(Math.Max(0, count)).ToList())
        {
            mesh.Add(peer);
            _score.Graft(peer, topic);
            Outgoing(outgoing, peer).Graft.Add(new ControlGraft(topic));
        }
    }

    /// <summary>Keeps the best D_score peers and a random rest up to D, bubbling outbound peers up to D_out.</summary>
    private List<PeerId> SelectExcess(HashSet<PeerId> mesh, Func<PeerId, double> score)
    {
        var byScore = Shuffled(mesh).OrderByDescending(score).ToList();
        var ordered = byScore.Take(_options.DScore).Concat(Shuffled(byScore.Skip(_options.DScore))).ToList();
        var kept = ordered.Take(_options.D).ToList();
        var outboundKept = kept.Count(peer => _peers[peer].Outbound);
        if (outboundKept < _options.DOut)
        {
            var promote = ordered.Skip(_options.D).Where(peer => _peers[peer].Outbound).Take(_options.DOut - outboundKept).ToList();
            var demote = kept.Where(peer => !_peers[peer].Outbound).Reverse().Take(promote.Count).ToList();
            kept = [.. kept.Except(demote), .. promote];
        }

        return [.. ordered.Except(kept)];
    }

    private void MaintainFanout(Func<PeerId, double> score)
    {
        var now = _time.GetTimestamp();
        foreach (var (topic, last) in _fanoutLastPublished.ToList())
        {
            if (now - last > Ticks(_options.FanoutTimeToLive))
            {
                _fanout.Remove(topic);
                _fanoutLastPublished.Remove(topic);
            }
        }

        foreach (var (topic, fanout) in _fanout)
        {
            fanout.RemoveWhere(peer => !_peers.TryGetValue(peer, out var state) || !state.Topics.Contains(topic) ||
                score(peer) < _options.Thresholds.PublishThreshold);
            if (fanout.Count < _options.D)
            {
                var more = GossipPeersInTopic(topic, peer => !fanout.Contains(peer) && score(peer) >= _options.Thresholds.PublishThreshold);
                fanout.UnionWith(more.Take(_options.D - fanout.Count));
            }
        }
    }

    private void EmitGossip(Func<PeerId, double> score, Dictionary<PeerId, OutgoingControl> outgoing)
    {
        foreach (var topic in _mesh.Keys.Concat(_fanout.Keys).Distinct())
        {
            var ids = _cache.GossipIds(topic);
            if (ids.Count == 0)
            {
                continue;
            }

            var exclude = _mesh.TryGetValue(topic, out var mesh) ? mesh : _fanout[topic];
            var candidates = GossipPeersInTopic(topic, peer => !exclude.Contains(peer) && score(peer) >= _options.Thresholds.GossipThreshold);
            var target = Math.Max(_options.DLazy, (int)(_options.GossipFactor * candidates.Count));
            if (ids.Count > _options.MaxIHaveLength)
            {
                ids = [.. ids.OrderBy(_ => _random.Next()).Take(_options.MaxIHaveLength)];
            }

            var ihave = new ControlIHave(topic, ids.Select(id => id.OwnedArray).ToList());
            foreach (var peer in candidates.Take(target))
            {
                Outgoing(outgoing, peer).IHave.Add(ihave);
            }
        }
    }

    private void RefreshScoresIfDue()
    {
        var now = _time.GetTimestamp();
        while (now - _lastScoreRefresh >= Ticks(_options.Score.DecayInterval))
        {
            _score.Refresh();
            _lastScoreRefresh += Ticks(_options.Score.DecayInterval);
        }
    }

    private void ExpireBackoffs()
    {
        var now = _time.GetTimestamp();
        foreach (var (topic, peers) in _backoff.ToList())
        {
            // Keep a heartbeat of slack so a peer that GRAFTs right at expiry is not penalised for clock skew.
            foreach (var (peer, expires) in peers.Where(entry => entry.Value + Ticks(_options.HeartbeatInterval) < now).ToList())
            {
                peers.Remove(peer);
            }

            if (peers.Count == 0)
            {
                _backoff.Remove(topic);
            }
        }
    }

    private void ApplyBrokenPromises()
    {
        foreach (var (peer, count) in _promises.CollectBroken())
        {
            PubSubLog.BrokenPromises(_logger, peer, count);
            _score.AddPenalty(peer, count);
        }
    }

    private static OutgoingControl Outgoing(Dictionary<PeerId, OutgoingControl> outgoing, PeerId peer)
    {
        if (!outgoing.TryGetValue(peer, out var control))
        {
            control = new OutgoingControl();
            outgoing[peer] = control;
        }

        return control;
    }

    /// <summary>Control entries for one peer, coalesced into a single RPC per heartbeat.</summary>
    private sealed class OutgoingControl
    {
        public List<ControlGraft> Graft { get; } = [];

        public List<ControlPrune> Prune { get; } = [];

        public List<ControlIHave> IHave { get; } = [];
    }
}
