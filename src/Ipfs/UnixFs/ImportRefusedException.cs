namespace DePinGpu.Ipfs.UnixFs;

/// <summary>
/// An import met something it will not encode: a symbolic link under <see cref="SymlinkPolicy.Refuse"/>, a directory
/// past the HAMT threshold, a special file, or nesting past the depth limit. Nothing was pinned; blocks already written
/// are reclaimed by garbage collection.
/// </summary>
public sealed class ImportRefusedException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public ImportRefusedException(string path, string message)
        : base(message)
    {
        Path = path;
    }

    /// <summary>The offending file or folder.</summary>
    public string Path { get; }
}
