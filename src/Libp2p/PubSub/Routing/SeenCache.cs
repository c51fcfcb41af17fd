namespace DePinGpu.Libp2p.PubSub.Routing;

/// <summary>
/// Message ids seen within the last <c>seen TTL</c> (2 min by default): a message whose id is here is a duplicate.
/// Entries expire in insertion order, so pruning is a walk from the front of a queue.
/// </summary>
internal sealed class SeenCache(TimeProvider time, TimeSpan timeToLive)
{
    private readonly HashSet<MessageId> _ids = [];
    private readonly Queue<(MessageId Id, long Expires)> _expiry = new();
    private readonly long _lifetimeTicks = (long)(timeToLive.TotalSeconds * time.TimestampFrequency);

    public int Count => _ids.Count;

    public bool Contains(MessageId id) => _ids.Contains(id);

    /// <summary>Adds <paramref name="id"/>; false when it was already present.</summary>
    public bool TryAdd(MessageId id)
    {
        if (!_ids.Add(id))
        {
            return false;
        }

        _expiry.Enqueue((id, time.GetTimestamp() + _lifetimeTicks));
        return true;
    }

    public void Prune()
    {
        var now = time.GetTimestamp();
        while (_expiry.TryPeek(out var entry) && entry.Expires <= now)
        {
            _expiry.Dequeue();
            _ids.Remove(entry.Id);
        }
    }
}
