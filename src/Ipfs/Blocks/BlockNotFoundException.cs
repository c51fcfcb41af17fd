using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Blocks;

/// <summary>A block a DAG operation needs is not in the store.</summary>
public sealed class BlockNotFoundException : IOException
{
    /// <summary>Creates the exception for <paramref name="cid"/>.</summary>
    public BlockNotFoundException(Cid cid)
        : base($"Block {cid} is not in the block store. Fetch the DAG (Bitswap, gateway or CAR import) before reading it.")
    {
        Cid = cid;
    }

    /// <summary>The missing CID.</summary>
    public Cid Cid { get; }
}
