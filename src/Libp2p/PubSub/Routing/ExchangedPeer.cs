using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.PeerRecords;

namespace DePinGpu.Libp2p.PubSub.Routing;

/// <summary>A peer offered in a PRUNE's peer exchange, with its signed peer record when the pruner had one.</summary>
/// <param name="PeerId">The peer.</param>
/// <param name="SignedPeerRecord">An RFC 0003 signed peer record envelope (unverified), or null.</param>
public sealed record ExchangedPeer(PeerId PeerId, byte[]? SignedPeerRecord);
