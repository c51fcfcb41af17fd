using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.PubSub.Routing;

/// <summary>
/// IWANT follow-up: when we ask a peer for messages it advertised, it promises to deliver them within the follow-up
/// time. As in go and js, one random id per IWANT is tracked; a broken promise is a behaviour penalty (P7).
/// </summary>
internal sealed class GossipPromises(TimeProvider time, TimeSpan followUp, Random random)
{
    private readonly Dictionary<MessageId, Dictionary<PeerId, long>> _promises = [];
    private readonly long _followUpTicks = (long)(followUp.TotalSeconds * time.TimestampFrequency);

    public int Count => _promises.Count;

    public void Add(PeerId peer, IReadOnlyList<MessageId> requested)
    {
        if (requested.Count == 0)
        {
            return;
        }

        var id = requested[random.Next(requested.Count)];
        if (!_promises.TryGetValue(id, out var byPeer))
        {
            byPeer = [];
            _promises[id] = byPeer;
        }

        byPeer.TryAdd(peer, time.GetTimestamp() + _followUpTicks);
    }

    /// <summary>The message arrived (from anyone): every promise for it is kept.</summary>
    public void Fulfil(MessageId id) => _promises.Remove(id);

    /// <summary>Removes expired promises and returns how many each peer broke.</summary>
    public Dictionary<PeerId, int> CollectBroken()
    {
        var now = time.GetTimestamp();
        var broken = new Dictionary<PeerId, int>();
        var emptied = new List<MessageId>();
        foreach (var (id, byPeer) in _promises)
        {
            foreach (var (peer, expires) in byPeer.Where(entry => entry.Value < now).ToList())
            {
                byPeer.Remove(peer);
                broken[peer] = broken.GetValueOrDefault(peer) + 1;
            }

            if (byPeer.Count == 0)
            {
                emptied.Add(id);
            }
        }

        foreach (var id in emptied)
        {
            _promises.Remove(id);
        }

        return broken;
    }
}
