using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PubSub.Wire;

namespace DePinGpu.Libp2p.PubSub.Routing;

/// <summary>
/// What the router needs from the network: queue an RPC for a peer. The router calls it while holding its lock,
/// so implementations must only enqueue (never block or call back into the router).
/// </summary>
public interface IPubSubTransport
{
    /// <summary>Queues <paramref name="rpc"/> for <paramref name="peer"/>; false when the peer is gone or its queue is full.</summary>
    bool Send(PeerId peer, Rpc rpc);

    /// <summary>
    /// The verified signed peer record envelope of <paramref name="peer"/>, passed on in PRUNE peer exchange so the
    /// receiver can dial it; null when none is known. Called under the router's lock: a lookup only.
    /// </summary>
    byte[]? SignedPeerRecordOf(PeerId peer) => null;
}
