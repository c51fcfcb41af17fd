using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Blocks;

/// <summary>
/// A block whose bytes are known to match its CID: the only way to build one is to hash the bytes
/// (<see cref="Create"/>) or to check them against a CID (<see cref="Verify"/>), so a block store never receives
/// an unverified pair. The store copies <see cref="Data"/> before its put completes; the caller may then reuse the memory.
/// </summary>
public sealed class Block
{
    private Block(Cid cid, ReadOnlyMemory<byte> data)
    {
        Cid = cid;
        Data = data;
    }

    /// <summary>The block's CID.</summary>
    public Cid Cid { get; }

    /// <summary>The block's bytes.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Hashes <paramref name="data"/> (sha2-256) and makes a CIDv1 block of <paramref name="codec"/>.</summary>
    public static Block Create(ulong codec, ReadOnlyMemory<byte> data) => new(Cid.ForBlock(codec, data.Span), data);

    /// <summary>Checks <paramref name="data"/> against <paramref name="cid"/>; throws <see cref="CorruptBlockException"/> on mismatch.</summary>
    public static Block Verify(Cid cid, ReadOnlyMemory<byte> data) =>
        TryVerify(cid, data, out var block) ? block : throw new CorruptBlockException(cid);

    /// <summary>Checks <paramref name="data"/> against <paramref name="cid"/>; false (and null) on mismatch.</summary>
    public static bool TryVerify(Cid cid, ReadOnlyMemory<byte> data, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Block? block)
    {
        ArgumentNullException.ThrowIfNull(cid);
        block = cid.Hash.Matches(data.Span) ? new Block(cid, data) : null;
        return block is not null;
    }

    /// <summary>A copy whose <see cref="Data"/> is a private array (for when the original memory is pooled).</summary>
    public Block Detach() => new(Cid, Data.ToArray());
}
