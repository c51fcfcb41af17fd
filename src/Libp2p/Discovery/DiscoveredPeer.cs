using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.Discovery;

/// <summary>A peer learned by discovery, with the addresses it can be dialed at (possibly none for bare PX ids).</summary>
/// <param name="PeerId">The peer.</param>
/// <param name="Addresses">Dialable addresses (without the /p2p suffix).</param>
/// <param name="Source">How it was learned.</param>
public sealed record DiscoveredPeer(PeerId PeerId, IReadOnlyList<Multiaddr> Addresses, DiscoverySource Source);
