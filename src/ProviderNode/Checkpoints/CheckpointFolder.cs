using System.Globalization;

namespace DePinGpu.ProviderNode.Checkpoints;

/// <summary>
/// A <c>step-N</c> folder in a checkpoint directory: its step, whether <c>.complete</c> exists, and its measured
/// content (size, entry count, or what makes it unacceptable).
/// </summary>
internal sealed record CheckpointFolder(ulong Step, string Path, bool IsComplete)
{
    public const string CompleteMarker = ".complete";

    /// <summary>The folders of <paramref name="directory"/> named <c>step-N</c> (N in canonical decimal), by step.</summary>
    public static IReadOnlyList<CheckpointFolder> List(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var folders = new List<CheckpointFolder>();
        foreach (var path in Directory.EnumerateDirectories(directory, "step-*", SearchOption.TopDirectoryOnly))
        {
            if (TryParseStep(System.IO.Path.GetFileName(path)) is { } step && !IsLink(path))
            {
                folders.Add(new CheckpointFolder(step, path, File.Exists(System.IO.Path.Combine(path, CompleteMarker))));
            }
        }

        return folders.OrderBy(folder => folder.Step).ToArray();
    }

    /// <summary>The step of a folder name <c>step-N</c>; null for any other name (<c>step-05</c> included).</summary>
    public static ulong? TryParseStep(string name)
    {
        const string prefix = "step-";
        if (!name.StartsWith(prefix, StringComparison.Ordinal)
            || !ulong.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var step)
            || name != prefix + step.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        return step;
    }

    /// <summary>
    /// Walks the folder without following links: its content size, or why it cannot be a checkpoint (a link would let a
    /// workload make the node publish a host file).
    /// </summary>
    public (long Bytes, string? Problem) Measure(long maximumBytes, int maximumEntries)
    {
        long bytes = 0;
        var entries = 0;
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(Path)]);
        while (pending.TryPop(out var folder))
        {
            foreach (var entry in folder.EnumerateFileSystemInfos())
            {
                if (++entries > maximumEntries)
                {
                    return (bytes, $"it holds more than {maximumEntries} files and folders");
                }

                if (entry.LinkTarget is not null)
                {
                    return (bytes, $"{System.IO.Path.GetRelativePath(Path, entry.FullName)} is a symbolic link");
                }

                switch (entry)
                {
                    case DirectoryInfo child:
                        pending.Push(child);
                        break;
                    case FileInfo file:
                        // FIFOs, sockets and devices count 0 here; the UnixFS importer refuses them on open.
                        bytes += file.Length;
                        if (bytes > maximumBytes)
                        {
                            return (bytes, $"it is over the limit of {maximumBytes} bytes");
                        }

                        break;
                }
            }
        }

        return (bytes, null);
    }

    private static bool IsLink(string path) => new DirectoryInfo(path).LinkTarget is not null;
}
