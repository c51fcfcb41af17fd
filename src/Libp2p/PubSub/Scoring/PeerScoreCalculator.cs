using System.Net;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.PubSub.Scoring;

/// <summary>The score formula and the counter decay of gossipsub v1.1.</summary>
internal static class PeerScoreCalculator
{
    public static double Compute(
        PeerId peer,
        PeerStats stats,
        PeerScoreParameters parameters,
        IReadOnlyDictionary<IPAddress, HashSet<PeerId>> peersByAddress)
    {
        var score = 0.0;
        foreach (var (topic, topicStats) in stats.Topics)
        {
            if (parameters.ForTopic(topic) is { } topicParameters)
            {
                score += TopicScore(topicStats, topicParameters) * topicParameters.TopicWeight;
            }
        }

        if (parameters.TopicScoreCap > 0 && score > parameters.TopicScoreCap)
        {
            score = parameters.TopicScoreCap;
        }

        if (parameters.AppSpecificScore is { } appScore)
        {
            score += appScore(peer) * parameters.AppSpecificWeight;
        }

        score += ColocationScore(stats, parameters, peersByAddress);
        if (stats.BehaviourPenalty > parameters.BehaviourPenaltyThreshold)
        {
            var excess = stats.BehaviourPenalty - parameters.BehaviourPenaltyThreshold;
            score += excess * excess * parameters.BehaviourPenaltyWeight;
        }

        return score;
    }

    public static void Decay(PeerStats stats, PeerScoreParameters parameters, long now, TimeProvider time)
    {
        foreach (var (topic, topicStats) in stats.Topics)
        {
            if (parameters.ForTopic(topic) is not { } topicParameters)
            {
                continue;
            }

            topicStats.FirstMessageDeliveries = DecayValue(topicStats.FirstMessageDeliveries, topicParameters.FirstMessageDeliveriesDecay, parameters.DecayToZero);
            topicStats.MeshMessageDeliveries = DecayValue(topicStats.MeshMessageDeliveries, topicParameters.MeshMessageDeliveriesDecay, parameters.DecayToZero);
            topicStats.MeshFailurePenalty = DecayValue(topicStats.MeshFailurePenalty, topicParameters.MeshFailurePenaltyDecay, parameters.DecayToZero);
            topicStats.InvalidMessageDeliveries = DecayValue(topicStats.InvalidMessageDeliveries, topicParameters.InvalidMessageDeliveriesDecay, parameters.DecayToZero);
            if (topicStats.InMesh)
            {
                topicStats.MeshTime = time.GetElapsedTime(topicStats.GraftTimestamp, now);
                if (topicStats.MeshTime > topicParameters.MeshMessageDeliveriesActivation)
                {
                    topicStats.MeshMessageDeliveriesActive = true;
                }
            }
        }

        stats.BehaviourPenalty = DecayValue(stats.BehaviourPenalty, parameters.BehaviourPenaltyDecay, parameters.DecayToZero);
    }

    private static double TopicScore(TopicStats stats, TopicScoreParameters parameters)
    {
        var score = 0.0;
        if (stats.InMesh)
        {
            var quanta = Math.Min(stats.MeshTime / parameters.TimeInMeshQuantum, parameters.TimeInMeshCap);
            score += quanta * parameters.TimeInMeshWeight;
        }

        score += Math.Min(stats.FirstMessageDeliveries, parameters.FirstMessageDeliveriesCap) * parameters.FirstMessageDeliveriesWeight;
        if (stats.MeshMessageDeliveriesActive && stats.MeshMessageDeliveries < parameters.MeshMessageDeliveriesThreshold)
        {
            var deficit = parameters.MeshMessageDeliveriesThreshold - stats.MeshMessageDeliveries;
            score += deficit * deficit * parameters.MeshMessageDeliveriesWeight;
        }

        score += stats.MeshFailurePenalty * parameters.MeshFailurePenaltyWeight;
        score += stats.InvalidMessageDeliveries * stats.InvalidMessageDeliveries * parameters.InvalidMessageDeliveriesWeight;
        return score;
    }

    private static double ColocationScore(
        PeerStats stats,
        PeerScoreParameters parameters,
        IReadOnlyDictionary<IPAddress, HashSet<PeerId>> peersByAddress)
    {
        if (parameters.IPColocationFactorWeight == 0 || stats.Address is not { } address ||
            parameters.IPColocationFactorWhitelist.Contains(address) ||
            !peersByAddress.TryGetValue(address, out var sharing) || sharing.Count <= parameters.IPColocationFactorThreshold)
        {
            return 0;
        }

        var surplus = sharing.Count - parameters.IPColocationFactorThreshold;
        return surplus * surplus * parameters.IPColocationFactorWeight;
    }

    private static double DecayValue(double value, double decay, double decayToZero)
    {
        var decayed = value * decay;
        return decayed < decayToZero ? 0 : decayed;
    }
}
