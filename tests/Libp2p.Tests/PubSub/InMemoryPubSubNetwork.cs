using System.Net;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.Libp2p.PubSub.Routing;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.Tests.PubSub;

/// <summary>
/// A deterministic network of routers: RPCs are encoded, queued in one FIFO and decoded on delivery, the clock
/// moves only when told and every random choice comes from seeded generators.
/// </summary>
internal sealed class InMemoryPubSubNetwork : IDisposable
{
    private readonly Queue<(PeerId From, PeerId To, byte[] Bytes)> _queue = new();
    private readonly Dictionary<PeerId, SimulatedNode> _nodes = [];

    public ManualTimeProvider Time { get; } = new();

    public List<SimulatedNode> Nodes { get; } = [];

    public int DeliveredRpcs { get; private set; }

    public static GossipSubOptions LoopbackOptions(GossipSubOptions? options = null)
    {
        options ??= new GossipSubOptions();
        return options with { Score = options.Score with { IPColocationFactorWeight = 0 } };
    }

    public SimulatedNode AddNode(GossipSubOptions? options = null, string protocol = PubSubProtocols.GossipSubV11)
    {
        var index = Nodes.Count;
        var key = TestKeys.FromIndex(index);
        var node = new SimulatedNode(this, key, protocol, index);
        node.Router = new GossipSubRouter(key.PeerId, key, node, LoopbackOptions(options), time: Time, random: new Random(1000 + index));
        Nodes.Add(node);
        _nodes[node.PeerId] = node;
        return node;
    }

    /// <summary><paramref name="dialer"/> connects to <paramref name="listener"/>; each side speaks the lower of the two protocols.</summary>
    public void Connect(SimulatedNode dialer, SimulatedNode listener)
    {
        if (dialer.Links.Contains(listener.PeerId))
        {
            return;
        }

        var protocol = Negotiate(dialer.Protocol, listener.Protocol);
        dialer.Links.Add(listener.PeerId);
        listener.Links.Add(dialer.PeerId);
        dialer.Router.AddPeer(listener.PeerId, protocol, outbound: true, IPAddress.Loopback);
        listener.Router.AddPeer(dialer.PeerId, protocol, outbound: false, IPAddress.Loopback);
    }

    public void Kill(SimulatedNode node)
    {
        node.Alive = false;
        foreach (var peer in node.Links.ToList())
        {
            _nodes[peer].Links.Remove(node.PeerId);
            _nodes[peer].Router.RemovePeer(node.PeerId);
        }

        node.Links.Clear();
        node.Router.Dispose();
    }

    /// <summary>Delivers queued RPCs (and the ones they cause) until the network is quiet.</summary>
    public async Task DrainAsync(int maxRpcs = 5_000_000)
    {
        for (var count = 0; _queue.Count > 0; count++)
        {
            if (count > maxRpcs)
            {
                throw new InvalidOperationException("The network did not quiesce; a routing loop?");
            }

            var (from, to, bytes) = _queue.Dequeue();
            if (!_nodes.TryGetValue(to, out var target) || !target.Alive || !target.Links.Contains(from))
            {
                continue;
            }

            DeliveredRpcs++;
            if (!RpcDecoder.TryDecode(bytes, RpcDecodeLimits.Default, out var rpc, out var error))
            {
                throw new InvalidOperationException($"A router produced an undecodable RPC: {error}");
            }

            await target.Router.HandleRpcAsync(from, rpc);
        }
    }

    /// <summary>Moves the clock heartbeat by heartbeat, running every live router's heartbeat and draining after each.</summary>
    public async Task RunHeartbeatsAsync(int count)
    {
        for (var beat = 0; beat < count; beat++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            foreach (var node in Nodes.Where(node => node.Alive))
            {
                node.Router.Heartbeat();
            }

            await DrainAsync();
        }
    }

    /// <summary>Connects the nodes in a random connected sparse graph: a random spanning tree plus extra edges.</summary>
    public void ConnectRandomSparse(int seed, int extraEdges)
    {
        var random = new Random(seed);
        for (var index = 1; index < Nodes.Count; index++)
        {
            Connect(Nodes[index], Nodes[random.Next(index)]);
        }

        for (var added = 0; added < extraEdges;)
        {
            var a = Nodes[random.Next(Nodes.Count)];
            var b = Nodes[random.Next(Nodes.Count)];
            if (a != b && !a.Links.Contains(b.PeerId))
            {
                Connect(a, b);
                added++;
            }
        }
    }

    public void Dispose()
    {
        foreach (var node in Nodes.Where(node => node.Alive))
        {
            node.Router.Dispose();
        }
    }

    internal void Enqueue(PeerId from, PeerId to, Rpc rpc) => _queue.Enqueue((from, to, RpcEncoder.Encode(rpc)));

    private static string Negotiate(string a, string b)
    {
        if (a == PubSubProtocols.FloodSub || b == PubSubProtocols.FloodSub)
        {
            return PubSubProtocols.FloodSub;
        }

        return a == PubSubProtocols.GossipSubV12 && b == PubSubProtocols.GossipSubV12 ? PubSubProtocols.GossipSubV12 : PubSubProtocols.GossipSubV11;
    }
}
