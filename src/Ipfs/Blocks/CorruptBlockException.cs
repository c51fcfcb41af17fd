using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Blocks;

/// <summary>A block's bytes do not hash to its CID (a corrupt stored copy or a lying peer).</summary>
public sealed class CorruptBlockException : IOException
{
    /// <summary>Creates the exception for <paramref name="cid"/>.</summary>
    public CorruptBlockException(Cid cid)
        : base($"Block {cid} is corrupt: its bytes do not hash to its CID. Delete it and fetch it again from a peer or gateway.")
    {
        Cid = cid;
    }

    /// <summary>Creates the exception for <paramref name="cid"/> with a specific explanation.</summary>
    public CorruptBlockException(Cid cid, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Cid = cid;
    }

    /// <summary>The CID whose block is corrupt.</summary>
    public Cid Cid { get; }
}
