using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.PubSub.Routing;

/// <summary>
/// The gossipsub message cache: the messages of the last <c>history length</c> heartbeats (5), of which the last
/// <c>history gossip</c> (3) are advertised in IHAVE. IWANT answers come from here, capped per peer and message.
/// </summary>
internal sealed class MessageCache
{
    private readonly int _gossipWindows;
    private readonly LinkedList<List<(MessageId Id, string Topic)>> _windows = new();
    private readonly Dictionary<MessageId, Entry> _messages = [];
    private readonly int _historyLength;

    public MessageCache(int historyLength, int gossipWindows)
    {
        if (gossipWindows > historyLength || gossipWindows < 1)
        {
            throw new ArgumentException($"The gossip window count ({gossipWindows}) must be between 1 and the history length ({historyLength}).");
        }

        _historyLength = historyLength;
        _gossipWindows = gossipWindows;
        _windows.AddFirst([]);
    }

    public int Count => _messages.Count;

    /// <summary>Adds a validated message to the newest window; false if it is already cached.</summary>
    public bool Put(MessageId id, RpcMessage message)
    {
        if (!_messages.TryAdd(id, new Entry(message)))
        {
            return false;
        }

        _windows.First!.Value.Add((id, message.Topic));
        return true;
    }

    public bool TryGet(MessageId id, out RpcMessage message)
    {
        var found = _messages.TryGetValue(id, out var entry);
        message = entry?.Message!;
        return found;
    }

    /// <summary>Looks a message up for an IWANT from <paramref name="peer"/> and counts the request.</summary>
    public bool TryGetForPeer(MessageId id, PeerId peer, out RpcMessage message, out int requestCount)
    {
        if (!_messages.TryGetValue(id, out var entry))
        {
            message = null!;
            requestCount = 0;
            return false;
        }

        entry.RequestsByPeer.TryGetValue(peer, out var count);
        requestCount = count + 1;
        entry.RequestsByPeer[peer] = requestCount;
        message = entry.Message;
        return true;
    }

    /// <summary>Ids of <paramref name="topic"/> in the gossip windows, newest first.</summary>
    public List<MessageId> GossipIds(string topic)
    {
        var ids = new List<MessageId>();
        var window = _windows.First;
        for (var index = 0; index < _gossipWindows && window is not null; index++, window = window.Next)
        {
            foreach (var (id, entryTopic) in window.Value)
            {
                if (entryTopic == topic)
                {
                    ids.Add(id);
                }
            }
        }

        return ids;
    }

    /// <summary>Opens a new window and drops the oldest beyond the history length.</summary>
    public void Shift()
    {
        if (_windows.Count >= _historyLength)
        {
            foreach (var (id, _) in _windows.Last!.Value)
            {
                _messages.Remove(id);
            }

            _windows.RemoveLast();
        }

        _windows.AddFirst([]);
    }

    private sealed class Entry(RpcMessage message)
    {
        public RpcMessage Message { get; } = message;

        public Dictionary<PeerId, int> RequestsByPeer { get; } = [];
    }
}
