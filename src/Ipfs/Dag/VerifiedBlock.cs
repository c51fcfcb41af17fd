using System.Buffers;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Dag;

/// <summary>A block read from a store and checked against its CID, in pooled memory: dispose it when done.</summary>
public sealed class VerifiedBlock : IDisposable
{
    private readonly IMemoryOwner<byte> _owner;

    internal VerifiedBlock(Cid cid, IMemoryOwner<byte> owner, int depth)
    {
        Cid = cid;
        _owner = owner;
        Depth = depth;
    }

    /// <summary>The block's CID.</summary>
    public Cid Cid { get; }

    /// <summary>The block's verified bytes (valid until disposed).</summary>
    public ReadOnlyMemory<byte> Data => _owner.Memory;

    /// <summary>Distance from the walk's root (the root is 0).</summary>
    public int Depth { get; }

    /// <summary>Returns the memory to the pool.</summary>
    public void Dispose() => _owner.Dispose();
}
