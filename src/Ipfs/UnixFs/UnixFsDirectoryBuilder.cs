using System.Text;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.DagPb;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.UnixFs;

/// <summary>
/// Builds a UnixFS directory as Kubo does: one node with a link per entry <c>{Hash, Name, Tsize}</c> sorted by name bytes,
/// Data = <c>08 01</c> — or, past Kubo's HAMT threshold, a HAMT-sharded directory (<see cref="BuildBlocks"/>). Also used
/// to wrap content, like <c>ipfs add -w</c>.
/// </summary>
public sealed class UnixFsDirectoryBuilder
{
    private readonly List<PbLink> _links = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly int _hamtThresholdBytes;
    private long _linksBytesEstimate;

    /// <summary>Creates an empty directory builder.</summary>
    public UnixFsDirectoryBuilder(int hamtThresholdBytes = ImportOptions.KuboHamtThresholdBytes)
    {
        _hamtThresholdBytes = hamtThresholdBytes;
    }

    /// <summary>Number of entries added.</summary>
    public int Count => _links.Count;

    /// <summary>Kubo's links-bytes estimate: Σ (UTF-8 name length + binary CID length).</summary>
    public long LinksBytesEstimate => _linksBytesEstimate;

    /// <summary>True once the estimate is past the threshold (strictly greater, as in Kubo).</summary>
    public bool ExceedsHamtThreshold => _linksBytesEstimate > _hamtThresholdBytes;

    /// <summary>Adds an entry; the name must satisfy <see cref="EntryNames.IsValid"/> and be unique.</summary>
    public void Add(string name, Cid cid, ulong cumulativeSize)
    {
        ArgumentNullException.ThrowIfNull(cid);
        if (!EntryNames.IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a valid directory entry name.", nameof(name));
        }

        if (!_names.Add(name))
        {
            throw new ArgumentException($"The directory already has an entry named '{name}'.", nameof(name));
        }

        _links.Add(new PbLink(cid, name, cumulativeSize));
        _linksBytesEstimate += Encoding.UTF8.GetByteCount(name) + cid.Bytes.Length;
    }

    /// <summary>
    /// Encodes the directory as Kubo would: one node while the links-bytes estimate is at most the threshold, otherwise a
    /// fanout-256 HAMT shard tree. The last block is the directory's root; store them all.
    /// </summary>
    public DirectoryBlocks BuildBlocks()
    {
        if (!ExceedsHamtThreshold)
        {
            var (block, size) = Build();
            return new DirectoryBlocks([block], size);
        }

        var shard = new Hamt.HamtShardBuilder(Hamt.HamtLayout.Kubo);
        foreach (var link in _links)
        {
            shard.Add(new UnixFsEntry(link.Name!, link.Hash, link.Tsize ?? 0));
        }

        var (blocks, cumulativeSize) = shard.Build();
        return new DirectoryBlocks(blocks, cumulativeSize);
    }

    /// <summary>Encodes the directory as one node; returns its block and its Tsize (block length + Σ entry Tsize).</summary>
    public (Block Block, ulong CumulativeSize) Build()
    {
        if (ExceedsHamtThreshold)
        {
            throw new InvalidOperationException(
                $"The directory's links-bytes estimate {_linksBytesEstimate} exceeds {_hamtThresholdBytes}: Kubo shards it (HAMT) " +
                "and it takes more than one block; use BuildBlocks.");
        }

        var data = UnixFsDataCodec.Encode(UnixFsData.Directory);
        var block = Block.Create(MulticodecCode.DagPb, DagPbEncoder.Encode(new PbNode(_links, data)));
        var total = (ulong)block.Data.Length;
        foreach (var link in _links)
        {
            total += link.Tsize ?? 0;
        }

        return (block, total);
    }
}
