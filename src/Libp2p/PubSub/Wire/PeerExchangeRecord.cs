using DePinGpu.Libp2p.PeerRecords;
namespace DePinGpu.Libp2p.PubSub.Wire;

/// <summary>A <c>PeerInfo</c> entry of a PRUNE's peer exchange.</summary>
/// <param name="PeerId">The peer-id multihash bytes.</param>
/// <param name="SignedPeerRecord">An optional signed peer record envelope (kept opaque).</param>
public sealed record PeerExchangeRecord(byte[]? PeerId, byte[]? SignedPeerRecord);
