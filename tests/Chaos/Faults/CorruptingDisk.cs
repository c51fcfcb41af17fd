using System.Collections.Concurrent;

namespace DePinGpu.Chaos.Tests.Faults;

/// <summary>
/// A disk that corrupts what it stores: while it runs, every block file that appears in a node's block store
/// (<c>data/blocks/blocks/&lt;shard&gt;/&lt;cid&gt;</c>, written under <c>tmp/</c> and renamed into place) gets its
/// last byte flipped (an empty one gets a byte appended) as soon as the file system reports it. The node's own files,
/// read back, no longer hash to their CIDs — exactly what a failing disk does to a holder. Files already there stay
/// intact; <see cref="Dispose"/> stops corrupting new ones and leaves the corrupt ones corrupt.
/// </summary>
public sealed class CorruptingDisk : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly ConcurrentDictionary<string, byte> _corrupted = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _failures = new();

    private CorruptingDisk(string blocksDirectory)
    {
        _watcher = new FileSystemWatcher(blocksDirectory) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName, InternalBufferSize = 64 * 1024 };
        _watcher.Created += (_, change) => Corrupt(change.FullPath);
        _watcher.Renamed += (_, change) => Corrupt(change.FullPath);
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>How many block files it corrupted so far.</summary>
    public int Corrupted => _corrupted.Count;

    /// <summary>Files it could not corrupt (gone before it got to them), with why.</summary>
    public IReadOnlyCollection<string> Failures => [.. _failures];

    /// <summary>Starts corrupting the block files that appear under <paramref name="storeDirectory"/> (a node's <c>data/blocks</c>).</summary>
    public static CorruptingDisk Start(string storeDirectory, string node, FaultLog faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        var disk = new CorruptingDisk(Path.Combine(storeDirectory, "blocks"));
        faults.Add(node, FaultKind.DiskCorrupting);
        return disk;
    }

    /// <summary>Stops corrupting new block files.</summary>
    public void Dispose()
    {
        _watcher.EnableRaisingEvents = false;
        _watcher.Dispose();
    }

    private void Corrupt(string path)
    {
        // Shard folders and anything not named like a CID (b…) are not blocks.
        if (!Path.GetFileName(path).StartsWith('b') || !_corrupted.TryAdd(path, 0))
        {
            return;
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            if (file.Length == 0)
            {
                file.WriteByte(0x5A);
                return;
            }

            file.Position = file.Length - 1;
            var last = file.ReadByte();
            file.Position = file.Length - 1;
            file.WriteByte((byte)(last ^ 0xFF));
        }
        catch (IOException exception)
        {
            _corrupted.TryRemove(path, out _);
            _failures.Enqueue($"{path}: {exception.Message}");
        }
        catch (UnauthorizedAccessException exception)
        {
            _corrupted.TryRemove(path, out _);
            _failures.Enqueue($"{path}: {exception.Message}");
        }
    }
}
