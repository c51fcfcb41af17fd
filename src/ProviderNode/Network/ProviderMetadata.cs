using DePinGpu.Libp2p.Addressing;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.ProviderNode.Network;

/// <summary>
/// A provider's metadata document (the raw block its registry entry's <c>metadataCid</c> names, written by
/// <c>depin-node register</c>): <c>{"schemaVersion":1,"apiUrl":"…","peerId":"16U…","multiaddrs":["/ip4/…/tcp/…"]}</c>.
/// </summary>
/// <param name="ApiUrl">The node's HTTP API base URL.</param>
/// <param name="PeerId">The node's peer id (must be the registered operator's).</param>
/// <param name="Multiaddrs">Where the node listens.</param>
public sealed record ProviderMetadata(Uri ApiUrl, PeerId PeerId, IReadOnlyList<Multiaddr> Multiaddrs);
