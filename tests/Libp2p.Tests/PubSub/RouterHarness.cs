using System.Net;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.Libp2p.PubSub.Routing;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.Tests.PubSub;

/// <summary>
/// One router driven by hand: the test plays its peers, every RPC it receives goes through the real codec, what it
/// sends is recorded, and its clock and heartbeat move only when the test says so.
/// </summary>
internal sealed class RouterHarness : IPubSubTransport, IDisposable
{
    private readonly List<(PeerId To, Rpc Rpc)> _sent = [];

    /// <param name="localIndex">The local key; a test that listens to the router's metrics picks one no other test uses (they are tagged by peer id).</param>
    public RouterHarness(GossipSubOptions? options = null, int localIndex = 0)
    {
        LocalKey = TestKeys.FromIndex(localIndex);
        Router = new GossipSubRouter(LocalKey.PeerId, LocalKey, this, InMemoryPubSubNetwork.LoopbackOptions(options), time: Time, random: new Random(7));
    }

    public PrivateKey LocalKey { get; }

    public ManualTimeProvider Time { get; } = new();

    public GossipSubRouter Router { get; }

    /// <summary>A remote peer (index 1 and up), connected as an outbound gossipsub v1.1 peer.</summary>
    public PeerId Connect(int index)
    {
        var peer = TestKeys.FromIndex(index).PeerId;
        Router.AddPeer(peer, PubSubProtocols.GossipSubV11, outbound: true, IPAddress.Loopback);
        return peer;
    }

    /// <summary><paramref name="from"/> sends <paramref name="rpc"/>: encoded and decoded as on the wire, then handled.</summary>
    public async Task ReceiveAsync(PeerId from, Rpc rpc)
    {
        if (!RpcDecoder.TryDecode(RpcEncoder.Encode(rpc), RpcDecodeLimits.Default, out var decoded, out var error))
        {
            throw new InvalidOperationException($"The test built an undecodable RPC: {error}");
        }

        await Router.HandleRpcAsync(from, decoded);
    }

    public Task SubscribeAsync(PeerId from, string topic) =>
        ReceiveAsync(from, new Rpc { Subscriptions = [new SubscriptionOption(true, topic)] });

    public Task SendMessageAsync(PeerId from, RpcMessage message) => ReceiveAsync(from, new Rpc { Messages = [message] });

    public MessageId IdOf(RpcMessage message) => Router.Options.MessageIdFunctionFor(message.Topic)(message);

    /// <summary>RPCs the router sent to <paramref name="peer"/> so far.</summary>
    public List<Rpc> SentTo(PeerId peer)
    {
        lock (_sent)
        {
            return [.. _sent.Where(entry => entry.To == peer).Select(entry => entry.Rpc)];
        }
    }

    public void ClearSent()
    {
        lock (_sent)
        {
            _sent.Clear();
        }
    }

    /// <summary>Asks the router, as <paramref name="peer"/>, for <paramref name="id"/>: true when it answers with the message (it is in its cache).</summary>
    public async Task<bool> AnswersIWantAsync(PeerId peer, MessageId id)
    {
        ClearSent();
        await ReceiveAsync(peer, new Rpc { Control = new ControlMessage { IWant = [new ControlIWant([id.Bytes.ToArray()])] } });
        return SentTo(peer).Any(rpc => rpc.Messages.Any(message => IdOf(message) == id));
    }

    public bool Send(PeerId peer, Rpc rpc)
    {
        lock (_sent)
        {
            _sent.Add((peer, rpc));
        }

        return true;
    }

    public void Dispose() => Router.Dispose();
}
