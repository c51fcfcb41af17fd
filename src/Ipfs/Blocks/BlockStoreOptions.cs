namespace DePinGpu.Ipfs.Blocks;

/// <summary>Settings of <see cref="FileSystemBlockStore"/>; checked by <see cref="Validate"/> when the store opens.</summary>
public sealed record BlockStoreOptions
{
    /// <summary>Largest block accepted (Bitswap must carry 2 MiB; our importer writes at most 256 KiB plus small nodes).</summary>
    public const int DefaultMaxBlockSize = 2 * 1024 * 1024;

    /// <summary>Folder that holds the store (created if missing). Required.</summary>
    public string RootPath { get; init; } = string.Empty;

    /// <summary>Durability policy; see <see cref="FsyncPolicy"/>.</summary>
    public FsyncPolicy Fsync { get; init; } = FsyncPolicy.Batched;

    /// <summary>
    /// Re-hash every block on read and quarantine (delete) a corrupt copy. Off by default: crash recovery already
    /// guarantees no torn block is served, and every consumer (exporter, CAR writer, gateway and Bitswap clients) verifies
    /// what it receives. Turn it on to also catch silent disk corruption at the source.
    /// </summary>
    public bool VerifyOnRead { get; init; }

    /// <summary>Largest block size accepted by put and trusted on read, in bytes.</summary>
    public int MaxBlockSize { get; init; } = DefaultMaxBlockSize;

    /// <summary>Total bytes of blocks the store may hold; null for no limit. A put beyond it throws <see cref="BlockStoreFullException"/>.</summary>
    public long? CapacityBytes { get; init; }

    /// <summary>
    /// Bytes of removed blocks' files kept as spares that later writes reuse instead of creating files (much cheaper
    /// for the file system when a new checkpoint replaces an old one). They occupy disk beyond <see cref="CapacityBytes"/>
    /// and are deleted when the store opens. 0 turns recycling off.
    /// </summary>
    public long RecycledFileBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(RootPath))
        {
            errors.Add("RootPath must name the folder of the block store.");
        }

        if (!Enum.IsDefined(Fsync))
        {
            errors.Add($"Fsync {Fsync} is not a known policy.");
        }

        if (MaxBlockSize is < 1024 or > 64 * 1024 * 1024)
        {
            errors.Add($"MaxBlockSize {MaxBlockSize} must be between 1 KiB and 64 MiB.");
        }

        if (CapacityBytes is <= 0)
        {
            errors.Add($"CapacityBytes {CapacityBytes} must be positive (or null for no limit).");
        }

        if (RecycledFileBytes < 0)
        {
            errors.Add($"RecycledFileBytes {RecycledFileBytes} must not be negative (0 turns recycling off).");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid block store options: " + string.Join(" ", errors));
        }
    }
}
