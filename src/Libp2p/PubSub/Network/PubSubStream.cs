using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.PubSub.Network;

/// <summary>A negotiated pubsub stream.</summary>
/// <param name="Peer">The remote peer.</param>
/// <param name="Protocol">The protocol id both sides agreed on.</param>
/// <param name="Stream">The byte stream; disposing it closes (or resets) the stream.</param>
public sealed record PubSubStream(PeerId Peer, string Protocol, Stream Stream);
