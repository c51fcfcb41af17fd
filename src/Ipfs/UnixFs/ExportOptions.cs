namespace DePinGpu.Ipfs.UnixFs;

/// <summary>UnixFS export settings.</summary>
public sealed class ExportOptions
{
    /// <summary>What to do with UnixFS Symlink nodes; see <see cref="SymlinkPolicy"/>.</summary>
    public SymlinkPolicy Symlinks { get; set; } = SymlinkPolicy.Refuse;

    /// <summary>Leaves read and verified at once, ahead of the writes (each holds one block). Defaults to the processor count plus one.</summary>
    public int Parallelism { get; set; } = Environment.ProcessorCount + 1;

    /// <summary>Deepest folder nesting written.</summary>
    public int MaxDirectoryDepth { get; set; } = 256;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Symlinks))
        {
            throw new ArgumentException($"Symlinks {Symlinks} is not a known policy.");
        }

        if (Parallelism is < 1 or > 256)
        {
            throw new ArgumentException($"Parallelism {Parallelism} must be between 1 and 256.");
        }

        if (MaxDirectoryDepth is < 1 or > 4096)
        {
            throw new ArgumentException($"MaxDirectoryDepth {MaxDirectoryDepth} must be between 1 and 4096.");
        }
    }
}
