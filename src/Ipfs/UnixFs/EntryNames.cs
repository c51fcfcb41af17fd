namespace DePinGpu.Ipfs.UnixFs;

/// <summary>Which directory entry names are safe to write into a dag-pb directory or onto disk.</summary>
public static class EntryNames
{
    /// <summary>Longest entry name accepted, in UTF-8 bytes (Linux's NAME_MAX).</summary>
    public const int MaxNameBytes = 255;

    /// <summary>
    /// True for a single path segment: not empty, not "." or "..", no '/', '\\' or NUL, at most 255 UTF-8 bytes. Names from
    /// a DAG are untrusted: anything else could write outside the export folder.
    /// </summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name)
        && name is not ("." or "..")
        && name.IndexOfAny(['/', '\\', '\0']) < 0
        && System.Text.Encoding.UTF8.GetByteCount(name) <= MaxNameBytes;
}
