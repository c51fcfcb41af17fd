using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Ipfs.Access;

/// <summary>
/// Who asks for a block, as far as it is proven: a Bitswap peer (its id is authenticated by the Noise handshake), a
/// tenant whose HTTP request carries a valid signature by its Ethereum key, or nobody in particular.
/// </summary>
/// <param name="Peer">The authenticated libp2p peer, or null.</param>
/// <param name="TenantAddress">The Ethereum address (0x…, any case) that signed the request, or null.</param>
public sealed record Requester(PeerId? Peer, string? TenantAddress)
{
    /// <summary>A request that proves nothing about who sent it.</summary>
    public static Requester Anonymous { get; } = new(null, null);

    /// <summary>A Bitswap peer.</summary>
    public static Requester OfPeer(PeerId peer) => new(peer, null);

    /// <summary>A tenant proven by a request signature.</summary>
    public static Requester OfTenant(string address) => new(null, address);
}
