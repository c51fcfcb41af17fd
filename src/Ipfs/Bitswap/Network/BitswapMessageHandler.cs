using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Ipfs.Bitswap.Network;

/// <summary>
/// Acts on one message received from <paramref name="peer"/>. The message's block bytes are valid only until the
/// returned task completes (they live in a pooled receive buffer), which is also how a slow receiver pushes back.
/// </summary>
public delegate Task BitswapMessageHandler(PeerId peer, BitswapMessage message, CancellationToken cancellationToken);
