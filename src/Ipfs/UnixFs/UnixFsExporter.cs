using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Dag;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Ipfs.UnixFs;

/// <summary>
/// Reads UnixFS DAGs back: file bytes (whole or a range) to a stream, folder trees to disk, directory listings. Every block
/// is verified against its CID whatever the store does; a missing block throws <see cref="BlockNotFoundException"/>, a
/// corrupt one <see cref="CorruptBlockException"/>, a malformed one <see cref="InvalidDataException"/> — each naming the CID.
/// </summary>
public sealed class UnixFsExporter
{
    private readonly IBlockStore _store;
    private readonly ExportOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates an exporter reading from <paramref name="store"/>; the options are validated here.</summary>
    public UnixFsExporter(IBlockStore store, ExportOptions? options = null, ILogger<UnixFsExporter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _options = options ?? new ExportOptions();
        _options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The type and size of the node <paramref name="cid"/> (reads and verifies its root block only).</summary>
    public async Task<UnixFsStat> StatAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        using var block = await DagWalker.ReadVerifiedAsync(_store, cid, 0, cancellationToken).ConfigureAwait(false);
        var node = UnixFsNode.Decode(cid, block.Data);
        return node.Type switch
        {
            UnixFsType.Raw or UnixFsType.File => new UnixFsStat(cid, UnixFsType.File, SizeOf(cid, node, block.Data.Length), null),
            UnixFsType.Symlink => new UnixFsStat(cid, UnixFsType.Symlink, 0, SymlinkTarget(cid, node)),
            _ => new UnixFsStat(cid, node.Type, 0, null),
        };
    }

    /// <summary>
    /// Writes the file's bytes from <paramref name="offset"/> (at most <paramref name="length"/> of them, all when null) to
    /// <paramref name="destination"/>; returns the count written. Only blocks overlapping the range are read.
    /// </summary>
    public async Task<ulong> WriteFileAsync(
        Cid cid, Stream destination, ulong offset = 0, ulong? length = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        ArgumentNullException.ThrowIfNull(destination);
        var end = length is { } count ? (ulong.MaxValue - offset < count ? ulong.MaxValue : offset + count) : ulong.MaxValue;
        ulong written = 0;
        var segments = FileSegmentReader.ReadAsync(_store, cid, offset, end, _options.Parallelism, cancellationToken);
        await foreach (var segment in segments.ConfigureAwait(false))
        {
            using (segment)
            {
                await destination.WriteAsync(segment.Bytes, cancellationToken).ConfigureAwait(false);
                written += (ulong)segment.Bytes.Length;
            }
        }

        return written;
    }

    /// <summary>The entries of the directory <paramref name="cid"/>, in link order (shard order for a HAMT); names are validated.</summary>
    public async IAsyncEnumerable<UnixFsEntry> ListDirectoryAsync(Cid cid, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        IReadOnlyList<UnixFsEntry>? entries;
        using (var block = await DagWalker.ReadVerifiedAsync(_store, cid, 0, cancellationToken).ConfigureAwait(false))
        {
            var node = UnixFsNode.Decode(cid, block.Data);
            entries = node.Type == UnixFsType.HamtShard ? null : DirectoryEntries(cid, node);
        }

        if (entries is null)
        {
            await foreach (var shardEntry in Hamt.HamtDirectoryReader.ListAsync(_store, cid, cancellationToken).ConfigureAwait(false))
            {
                yield return shardEntry;
            }

            yield break;
        }

        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }
    }

    /// <summary>
    /// Writes the file or folder tree <paramref name="cid"/> to <paramref name="destinationPath"/>, which must not exist.
    /// The tree is built in a sibling folder and renamed into place at the end, so a failed export leaves nothing behind.
    /// </summary>
    public async Task<ExportResult> ExportAsync(Cid cid, string destinationPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        ArgumentException.ThrowIfNullOrEmpty(destinationPath);
        var started = Stopwatch.GetTimestamp();
        var destination = Path.GetFullPath(destinationPath);
        if (Path.Exists(destination))
        {
            throw new IOException($"{destination} already exists; export into a new path.");
        }

        var staging = destination + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        var counters = new ExportCounters();
        try
        {
            await ExportNodeAsync(cid, staging, 0, counters, cancellationToken).ConfigureAwait(false);
            MoveIntoPlace(staging, destination);
        }
        catch
        {
            DeleteStaging(staging);
            throw;
        }

        ImportLog.Exported(_logger, cid.ToString(), destination, counters.ContentSize, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new ExportResult(counters.ContentSize, counters.Files, counters.Directories);
    }

    private async Task ExportNodeAsync(Cid cid, string path, int depth, ExportCounters counters, CancellationToken cancellationToken)
    {
        if (cid.Codec == MulticodecCode.Raw)
        {
            await ExportFileAsync(cid, path, counters, cancellationToken).ConfigureAwait(false);
            return;
        }

        var stat = await StatAsync(cid, cancellationToken).ConfigureAwait(false);
        switch (stat.Type)
        {
            case UnixFsType.File:
                await ExportFileAsync(cid, path, counters, cancellationToken).ConfigureAwait(false);
                break;
            case UnixFsType.Directory or UnixFsType.HamtShard:
                await ExportDirectoryAsync(cid, path, depth, counters, cancellationToken).ConfigureAwait(false);
                break;
            case UnixFsType.Symlink:
                ExportSymlink(path, stat.SymlinkTarget!);
                break;
            default:
                throw new NotSupportedException($"Block {cid} is a UnixFS {stat.Type} node; only files, folders (sharded or not) and symlinks can be exported.");
        }
    }

    private async Task ExportDirectoryAsync(Cid cid, string path, int depth, ExportCounters counters, CancellationToken cancellationToken)
    {
        if (depth >= _options.MaxDirectoryDepth)
        {
            throw new InvalidDataException($"The folder tree is nested deeper than {_options.MaxDirectoryDepth} levels at {cid}.");
        }

        Directory.CreateDirectory(path);
        counters.Directories++;
        await foreach (var entry in ListDirectoryAsync(cid, cancellationToken).ConfigureAwait(false))
        {
            await ExportNodeAsync(entry.Cid, Path.Combine(path, entry.Name), depth + 1, counters, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ExportFileAsync(Cid cid, string path, ExportCounters counters, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
        await using var file = new FileStream(path, options);
        counters.ContentSize += await WriteFileAsync(cid, file, cancellationToken: cancellationToken).ConfigureAwait(false);
        counters.Files++;
    }

    private void ExportSymlink(string path, string target)
    {
        switch (_options.Symlinks)
        {
            case SymlinkPolicy.Preserve:
                File.CreateSymbolicLink(path, target);
                break;
            case SymlinkPolicy.Skip:
                ImportLog.ExportSymlinkSkipped(_logger, path);
                break;
            default:
                throw new IOException($"{path} would be a symbolic link (to {target}); links are refused by default. Set Symlinks to Skip or Preserve.");
        }
    }

    private static IReadOnlyList<UnixFsEntry> DirectoryEntries(Cid cid, UnixFsNode node)
    {
        if (node.Type != UnixFsType.Directory)
        {
            throw new InvalidOperationException($"{cid} is a UnixFS {node.Type}, not a directory.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<UnixFsEntry>(node.Links.Count);
        foreach (var link in node.Links)
        {
            if (!EntryNames.IsValid(link.Name) || !names.Add(link.Name!))
            {
                throw new InvalidDataException($"Directory {cid} has an unsafe, missing or duplicate entry name '{link.Name}'.");
            }

            entries.Add(new UnixFsEntry(link.Name!, link.Hash, link.Tsize ?? 0));
        }

        return entries;
    }

    private static ulong SizeOf(Cid cid, UnixFsNode node, int blockLength)
    {
        try
        {
            return node.FileSize(blockLength);
        }
        catch (OverflowException exception)
        {
            throw new InvalidDataException($"Block {cid} announces sizes that overflow 64 bits.", exception);
        }
    }

    private static string SymlinkTarget(Cid cid, UnixFsNode node)
    {
        try
        {
            var target = node.Data!.Data is { } bytes ? bytes.Span : ReadOnlySpan<byte>.Empty;
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(target);
        }
        catch (DecoderFallbackException exception)
        {
            throw new InvalidDataException($"Symlink {cid} has a target that is not valid UTF-8.", exception);
        }
    }

    private static void MoveIntoPlace(string staging, string destination)
    {
        if (Directory.Exists(staging))
        {
            Directory.Move(staging, destination);
        }
        else if (File.Exists(staging) || new FileInfo(staging).LinkTarget is not null)
        {
            File.Move(staging, destination);
        }
    }

    private static void DeleteStaging(string staging)
    {
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
        else if (File.Exists(staging) || new FileInfo(staging).LinkTarget is not null)
        {
            File.Delete(staging);
        }
    }

    private sealed class ExportCounters
    {
        public ulong ContentSize { get; set; }
        public long Files { get; set; }
        public long Directories { get; set; }
    }
}
