using System.Text;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.DagPb;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.UnixFs;

/// <summary>
/// Builds a (non-sharded) UnixFS directory node: one link per entry <c>{Hash, Name, Tsize}</c> sorted by name bytes,
/// Data = <c>08 01</c>. Refuses to grow past Kubo's HAMT threshold, where Kubo would build a sharded directory instead
/// (so our CID could never match). Also used to wrap content, like <c>ipfs add -w</c>.
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

    /// <summary>Encodes the directory; returns its block and its Tsize (block length + Σ entry Tsize).</summary>
    public (Block Block, ulong CumulativeSize) Build()
    {
        if (ExceedsHamtThreshold)
        {
            throw new InvalidOperationException(
                $"The directory's links-bytes estimate {_linksBytesEstimate} exceeds {_hamtThresholdBytes}: Kubo would shard it (HAMT), " +
                "which is not supported here. Split its entries into subfolders.");
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
