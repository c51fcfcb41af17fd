using System.Net;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.PubSub.Network;

/// <summary>A connected peer as pubsub sees it.</summary>
/// <param name="Peer">The remote peer.</param>
/// <param name="Outbound">True when we dialed it.</param>
/// <param name="RemoteAddress">Its IP address (for the P6 colocation score), when known.</param>
public sealed record PubSubConnection(PeerId Peer, bool Outbound, IPAddress? RemoteAddress);
