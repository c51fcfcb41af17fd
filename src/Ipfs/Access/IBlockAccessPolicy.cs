using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Access;

/// <summary>
/// Decides whether a block may be served to a requester. Bitswap answers a refused want exactly as for a block it does not
/// have (DONT_HAVE when asked for one, else nothing); the gateway answers 403 for a refused root and treats a refused block
/// inside a DAG as absent. Implementations must be fast and thread-safe: they are asked once per block served.
/// </summary>
public interface IBlockAccessPolicy
{
    /// <summary>True when <paramref name="block"/> may be sent to <paramref name="requester"/>.</summary>
    bool MayServe(Cid block, Requester requester);

    /// <summary>
    /// Raised with the blocks whose readers changed (a grant, a hand-over): Bitswap re-answers the wants it parked for them,
    /// so a peer that was refused and is now a reader gets its blocks without asking again.
    /// </summary>
    event Action<IReadOnlyCollection<Cid>>? ReadersChanged;
}
