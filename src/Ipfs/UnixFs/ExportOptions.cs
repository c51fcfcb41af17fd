namespace DePinGpu.Ipfs.UnixFs;

/// <summary>UnixFS export settings.</summary>
public sealed class ExportOptions
{
    /// <summary>What to do with UnixFS Symlink nodes; see <see cref="SymlinkPolicy"/>.</summary>
    public SymlinkPolicy Symlinks { get; set; } = SymlinkPolicy.Refuse;

    /// <summary>Blocks read and verified ahead of the file writes.</summary>
    public int ReadAheadBlocks { get; set; } = 16;

    /// <summary>Deepest folder nesting written.</summary>
    public int MaxDirectoryDepth { get; set; } = 256;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Symlinks))
        {
            throw new ArgumentException($"Symlinks {Symlinks} is not a known policy.");
        }

        if (ReadAheadBlocks is < 1 or > 1024)
        {
            throw new ArgumentException($"ReadAheadBlocks {ReadAheadBlocks} must be between 1 and 1024.");
        }

        if (MaxDirectoryDepth is < 1 or > 4096)
        {
            throw new ArgumentException($"MaxDirectoryDepth {MaxDirectoryDepth} must be between 1 and 4096.");
        }
    }
}
