namespace DePinGpu.Ipfs.Kubo;

/// <summary>
/// One entry of a multipart <c>add</c>: a directory, or a file whose content is opened only when its turn comes (so a
/// checkpoint of thousands of files never has more than one open). Paths are relative, '/'-separated; a directory must be
/// sent before what it contains (<see cref="FromLocalPath"/> produces that order).
/// </summary>
public sealed class KuboAddPart
{
    /// <summary>Longest path accepted, in characters.</summary>
    public const int MaxPathLength = 4096;

    private KuboAddPart(string path, Func<CancellationToken, ValueTask<Stream>>? openContent)
    {
        Path = ValidatePath(path);
        OpenContent = openContent;
    }

    /// <summary>The entry's path inside the add, e.g. <c>ckpt/weights.bin</c>.</summary>
    public string Path { get; }

    /// <summary>True for a directory part (no content).</summary>
    public bool IsDirectory => OpenContent is null;

    /// <summary>Opens the file content; the multipart writer disposes the stream after sending it.</summary>
    public Func<CancellationToken, ValueTask<Stream>>? OpenContent { get; }

    /// <summary>A directory entry.</summary>
    public static KuboAddPart Directory(string path) => new(path, openContent: null);

    /// <summary>A file entry whose content <paramref name="openContent"/> opens when it is sent.</summary>
    public static KuboAddPart File(string path, Func<CancellationToken, ValueTask<Stream>> openContent)
    {
        ArgumentNullException.ThrowIfNull(openContent);
        return new KuboAddPart(path, openContent);
    }

    /// <summary>A file entry with in-memory content.</summary>
    public static KuboAddPart File(string path, ReadOnlyMemory<byte> content) =>
        File(path, _ => ValueTask.FromResult<Stream>(new MemoryStream(content.ToArray(), writable: false)));

    /// <summary>
    /// The parts for a local file or folder tree, depth-first with each directory before its entries, names sorted
    /// ordinally, hidden files included (Kubo's <c>--hidden</c>); symbolic links are refused with an error naming them.
    /// </summary>
    public static IEnumerable<KuboAddPart> FromLocalPath(string localPath, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(localPath);
        var full = System.IO.Path.GetFullPath(localPath);
        name ??= System.IO.Path.GetFileName(full.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        return Enumerate(full, name);
    }

    private static IEnumerable<KuboAddPart> Enumerate(string localPath, string partPath)
    {
        var info = new FileInfo(localPath);
        if (info.LinkTarget is not null)
        {
            throw new IOException($"{localPath} is a symbolic link; the Kubo add client does not follow or store links.");
        }

        if (!System.IO.Directory.Exists(localPath))
        {
            var file = localPath;
            yield return File(partPath, cancellationToken => ValueTask.FromResult<Stream>(new FileStream(
                file, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Options = FileOptions.Asynchronous | FileOptions.SequentialScan })));
            yield break;
        }

        yield return Directory(partPath);
        var entries = System.IO.Directory.EnumerateFileSystemEntries(localPath).Order(StringComparer.Ordinal).ToList();
        foreach (var entry in entries)
        {
            foreach (var part in Enumerate(entry, partPath + "/" + System.IO.Path.GetFileName(entry)))
            {
                yield return part;
            }
        }
    }

    private static string ValidatePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length is 0 or > MaxPathLength || path.StartsWith('/') || path.EndsWith('/') || path.Any(char.IsControl))
        {
            throw new ArgumentException($"'{path}' is not a valid add path: 1 to {MaxPathLength} characters, relative, '/'-separated, no control characters.", nameof(path));
        }

        if (path.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw new ArgumentException($"'{path}' has an empty, '.' or '..' segment.", nameof(path));
        }

        return path;
    }
}
