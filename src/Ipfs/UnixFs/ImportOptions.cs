namespace DePinGpu.Ipfs.UnixFs;

/// <summary>
/// UnixFS import settings. The defaults produce exactly the CIDs of <c>ipfs add --cid-version=1 --raw-leaves --hidden</c>
/// (Kubo: 262144-byte chunks, balanced layout with 174 links per node, raw leaves, sha2-256, no mode or mtime).
/// </summary>
public sealed class ImportOptions
{
    /// <summary>Kubo's fixed chunk size.</summary>
    public const int KuboChunkSize = 262144;

    /// <summary>Kubo's links per balanced-layout node.</summary>
    public const int KuboMaxLinks = 174;

    /// <summary>Kubo's <c>Import.UnixFSHAMTDirectorySizeThreshold</c> (links-bytes estimate).</summary>
    public const int KuboHamtThresholdBytes = 262144;

    /// <summary>Chunk size in bytes (changing it changes every multi-chunk CID).</summary>
    public int ChunkSize { get; set; } = KuboChunkSize;

    /// <summary>Children per internal file node (changing it changes CIDs of files over 174 chunks).</summary>
    public int MaxLinksPerNode { get; set; } = KuboMaxLinks;

    /// <summary>Include dot-files and dot-folders (Kubo's <c>--hidden</c>). On by default: checkpoints keep every file.</summary>
    public bool IncludeHidden { get; set; } = true;

    /// <summary>What to do with symbolic links; see <see cref="SymlinkPolicy"/>.</summary>
    public SymlinkPolicy Symlinks { get; set; } = SymlinkPolicy.Refuse;

    /// <summary>
    /// A directory whose links-bytes estimate (Σ UTF-8 name length + CID length) exceeds this (strictly) is stored as a
    /// fanout-256 HAMT shard, as Kubo does; changing it changes the CIDs of large directories.
    /// </summary>
    public int HamtThresholdBytes { get; set; } = KuboHamtThresholdBytes;

    /// <summary>Deepest folder nesting accepted.</summary>
    public int MaxDirectoryDepth { get; set; } = 256;

    /// <summary>Chunks hashed and stored at once (each holds one chunk buffer). Defaults to the processor count plus one, so a core stays busy while a worker waits on the file system.</summary>
    public int Parallelism { get; set; } = Environment.ProcessorCount + 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (ChunkSize is < 1024 or > 1024 * 1024)
        {
            errors.Add($"ChunkSize {ChunkSize} must be between 1 KiB and 1 MiB (Bitswap peers refuse larger blocks).");
        }

        if (MaxLinksPerNode is < 2 or > 4096)
        {
            errors.Add($"MaxLinksPerNode {MaxLinksPerNode} must be between 2 and 4096.");
        }

        if (!Enum.IsDefined(Symlinks))
        {
            errors.Add($"Symlinks {Symlinks} is not a known policy.");
        }

        if (HamtThresholdBytes < 1024)
        {
            errors.Add($"HamtThresholdBytes {HamtThresholdBytes} must be at least 1 KiB.");
        }

        if (MaxDirectoryDepth is < 1 or > 4096)
        {
            errors.Add($"MaxDirectoryDepth {MaxDirectoryDepth} must be between 1 and 4096.");
        }

        if (Parallelism is < 1 or > 256)
        {
            errors.Add($"Parallelism {Parallelism} must be between 1 and 256.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid import options: " + string.Join(" ", errors));
        }
    }
}
