using System.Collections.Concurrent;

namespace DePinGpu.Chaos.Tests.Faults;

/// <summary>
/// A disk whose blocks rot at rest: while it runs, every block file that appears in a node's block store
/// (<c>data/blocks/blocks/&lt;shard&gt;/&lt;cid&gt;</c>) gets its last byte flipped (an empty one gets a byte appended)
/// as soon as the node has pinned what it wrote — the pin walk read every block back and found it whole, so the node
/// believes its copy is good, and from then on its Bitswap server sends blocks that do not hash to their CIDs. Files
/// there before the start stay intact; <see cref="Dispose"/> stops the rot and leaves the rotten files as they are.
/// </summary>
public sealed class CorruptingDisk : IDisposable
{
    private readonly FileSystemWatcher _blocks;
    private readonly FileSystemWatcher _pins;
    private readonly ConcurrentQueue<string> _fresh = new();
    private readonly Lock _gate = new();
    private readonly List<string> _failures = [];
    private int _corrupted;

    private CorruptingDisk(string storeDirectory)
    {
        _blocks = new FileSystemWatcher(Path.Combine(storeDirectory, "blocks")) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName, InternalBufferSize = 64 * 1024 };
        _blocks.Created += (_, change) => Remember(change.FullPath);
        _blocks.Renamed += (_, change) => Remember(change.FullPath);

        // The pin database (pins.db and its log) is written when a pin is committed, after the pin walked the DAG.
        _pins = new FileSystemWatcher(storeDirectory, "pins*") { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName };
        _pins.Changed += (_, _) => RotFresh();
        _pins.Created += (_, _) => RotFresh();
        _blocks.EnableRaisingEvents = true;
        _pins.EnableRaisingEvents = true;
    }

    /// <summary>How many block files rotted so far.</summary>
    public int Corrupted => Volatile.Read(ref _corrupted);

    /// <summary>Files it could not corrupt (deleted before it got to them, as unpinned blocks are), with why.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_gate)
            {
                return [.. _failures];
            }
        }
    }

    /// <summary>Starts rotting the block files written from now on under <paramref name="storeDirectory"/> (a node's <c>data/blocks</c>).</summary>
    public static CorruptingDisk Start(string storeDirectory, string node, FaultLog faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        var disk = new CorruptingDisk(storeDirectory);
        faults.Add(node, FaultKind.DiskCorrupting);
        return disk;
    }

    /// <summary>Stops rotting new block files.</summary>
    public void Dispose()
    {
        _pins.EnableRaisingEvents = false;
        _blocks.EnableRaisingEvents = false;
        _pins.Dispose();
        _blocks.Dispose();
    }

    private void Remember(string path)
    {
        // Shard folders and anything not named like a CID (b…) are not blocks.
        if (Path.GetFileName(path).StartsWith('b'))
        {
            _fresh.Enqueue(path);
        }
    }

    private void RotFresh()
    {
        lock (_gate)
        {
            while (_fresh.TryDequeue(out var path))
            {
                Rot(path);
            }
        }
    }

    private void Rot(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            if (file.Length == 0)
            {
                file.WriteByte(0x5A);
            }
            else
            {
                file.Position = file.Length - 1;
                var last = file.ReadByte();
                file.Position = file.Length - 1;
                file.WriteByte((byte)(last ^ 0xFF));
            }

            Interlocked.Increment(ref _corrupted);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            _failures.Add($"{path}: {exception.Message}");
        }
    }
}
