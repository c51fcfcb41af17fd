using DePinGpu.Libp2p.Identity;

namespace DePinGpu.ProviderNode.NodeEvents;

/// <summary>
/// A validated gossip heartbeat from another provider's node: an early sign of life (the on-chain heartbeat stays the
/// authority for reports).
/// </summary>
/// <param name="Provider">The provider's (owner) address, lower-case.</param>
/// <param name="Peer">Its node's peer id.</param>
/// <param name="SentAt">When the node says it sent it (already checked against the allowed clock skew).</param>
public sealed record PeerHeartbeatSeen(string Provider, PeerId Peer, DateTimeOffset SentAt) : INodeEvent;
