using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.Libp2p.PubSub.Routing;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.Tests.PubSub;

/// <summary>One router in an <see cref="InMemoryPubSubNetwork"/>; it is the router's transport.</summary>
internal sealed class SimulatedNode(InMemoryPubSubNetwork network, PrivateKey key, string protocol, int index) : IPubSubTransport
{
    public PrivateKey Key { get; } = key;

    public PeerId PeerId => Key.PeerId;

    public string Protocol { get; } = protocol;

    public int Index { get; } = index;

    public GossipSubRouter Router { get; set; } = null!;

    public HashSet<PeerId> Links { get; } = [];

    public bool Alive { get; set; } = true;

    /// <summary>Optional hook to tamper with or drop outgoing RPCs (a misbehaving peer).</summary>
    public Func<PeerId, Rpc, Rpc?>? Tamper { get; set; }

    /// <summary>Signed peer records this node knows (what identify stores on a real host), handed to PX.</summary>
    public Dictionary<PeerId, byte[]> KnownRecords { get; } = [];

    public byte[]? SignedPeerRecordOf(PeerId peer) => KnownRecords.GetValueOrDefault(peer);

    public bool Send(PeerId peer, Rpc rpc)
    {
        if (!Alive || !Links.Contains(peer))
        {
            return false;
        }

        var sent = Tamper is null ? rpc : Tamper(peer, rpc);
        if (sent is not null)
        {
            network.Enqueue(PeerId, peer, sent);
        }

        return true;
    }

    /// <summary>Sends a raw RPC as if the router had produced it.</summary>
    public void SendRaw(PeerId peer, Rpc rpc) => network.Enqueue(PeerId, peer, rpc);

    /// <summary>Drains everything currently buffered in <paramref name="subscription"/>.</summary>
    public static List<PubSubMessage> Received(PubSubSubscription subscription)
    {
        var messages = new List<PubSubMessage>();
        while (subscription.Reader.TryRead(out var message))
        {
            messages.Add(message);
        }

        return messages;
    }

    public override string ToString() => $"node{Index}";
}
