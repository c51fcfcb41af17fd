using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Ipfs.Bitswap.Client;

/// <summary>A peer a fetch stopped asking, and why.</summary>
/// <param name="Peer">The peer.</param>
/// <param name="Reason">What it did (sent a wrong block, stalled repeatedly, …).</param>
public sealed record DroppedPeer(PeerId Peer, string Reason);
