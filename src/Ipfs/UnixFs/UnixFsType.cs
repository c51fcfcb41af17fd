namespace DePinGpu.Ipfs.UnixFs;

/// <summary>The UnixFS <c>Data.DataType</c> values.</summary>
public enum UnixFsType
{
    /// <summary>Raw bytes (legacy dag-pb leaves).</summary>
    Raw = 0,

    /// <summary>A directory: one named link per entry.</summary>
    Directory = 1,

    /// <summary>A file, or an internal node of a file's tree.</summary>
    File = 2,

    /// <summary>Metadata (deprecated, never produced).</summary>
    Metadata = 3,

    /// <summary>A symbolic link; Data holds the target path.</summary>
    Symlink = 4,

    /// <summary>A node of a HAMT-sharded directory.</summary>
    HamtShard = 5,
}
