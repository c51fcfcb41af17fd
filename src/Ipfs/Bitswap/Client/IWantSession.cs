using DePinGpu.Ipfs.Bitswap.Messages;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Bitswap.Client;

/// <summary>What the client routes to a fetch in progress. Implementations are thread-safe.</summary>
internal interface IWantSession
{
    /// <summary>True while the session still needs the block with this CIDv1.</summary>
    bool Wants(Cid key);

    /// <summary>A verified block arrived from <paramref name="peer"/>; its memory is valid until the task completes.</summary>
    Task OnBlockAsync(PeerId peer, Block block);

    /// <summary>A HAVE or DONT_HAVE arrived from <paramref name="peer"/> for the block with this CIDv1.</summary>
    void OnPresence(PeerId peer, Cid key, BlockPresenceType type);

    /// <summary>A Bitswap peer connected.</summary>
    void OnPeerConnected(PeerId peer);

    /// <summary>A Bitswap peer disconnected.</summary>
    void OnPeerDisconnected(PeerId peer);

    /// <summary>A peer misbehaved (for instance sent a wrong block) and must not be asked again.</summary>
    void OnPeerBanned(PeerId peer, string reason);
}
