using System.Buffers;
using System.Diagnostics;
using System.Text;
using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.DagPb;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Ipfs.UnixFs;

/// <summary>
/// Imports files, streams and folder trees into UnixFS DAGs with the CIDs of
/// <c>ipfs add --cid-version=1 --raw-leaves</c> (see <see cref="ImportOptions"/>), streaming: a file of any size is read
/// chunk by chunk and memory stays at a few chunks. Blocks go to the given store — pass an import session to keep them
/// safe from garbage collection until the root is pinned. Thread-safe; imports may run in parallel.
/// </summary>
public sealed class UnixFsImporter
{
    private readonly ImportOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates an importer; the options are validated here.</summary>
    public UnixFsImporter(ImportOptions? options = null, ILogger<UnixFsImporter>? logger = null)
    {
        _options = options ?? new ImportOptions();
        _options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Imports in-memory content as a file.</summary>
    public Task<ImportResult> ImportBytesAsync(ReadOnlyMemory<byte> content, IBlockStore store, CancellationToken cancellationToken = default)
    {
        var offset = 0;
        return ImportChunksAsync((buffer, _) =>
        {
            var count = Math.Min(buffer.Length, content.Length - offset);
            content.Slice(offset, count).CopyTo(buffer);
            offset += count;
            return ValueTask.FromResult(count);
        }, store, cancellationToken);
    }

    /// <summary>Imports a stream's remaining bytes as a file (the stream is read to its end, not disposed).</summary>
    public Task<ImportResult> ImportStreamAsync(Stream content, IBlockStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return ImportChunksAsync(
            (buffer, token) => content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, token), store, cancellationToken);
    }

    /// <summary>Imports a file or a folder tree (<c>ipfs add</c> / <c>ipfs add -r</c>; the result is the file's or folder's CID).</summary>
    public async Task<ImportResult> ImportAsync(string path, IBlockStore store, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(store);
        var started = Stopwatch.GetTimestamp();
        var full = Path.GetFullPath(path);
        FileSystemInfo entry = Directory.Exists(full) ? new DirectoryInfo(full) : new FileInfo(full);
        if (!entry.Exists)
        {
            throw new FileNotFoundException($"{full} does not exist.", full);
        }

        var result = await ImportEntryAsync(entry, 0, store, cancellationToken).ConfigureAwait(false)
            ?? throw new ImportRefusedException(full, $"{full} is a symbolic link and the symlink policy skips links: nothing to import.");
        ImportLog.Imported(_logger, full, result.Cid.ToString(), result.ContentSize, result.BlockCount,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    private async Task<ImportResult> ImportChunksAsync(FileImportPipeline.ChunkReader read, IBlockStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var (root, blocks) = await FileImportPipeline.RunAsync(read, store, _options, cancellationToken).ConfigureAwait(false);
        return new ImportResult(root.Cid, root.FileSize, root.Tsize, blocks);
    }

    private async Task<ImportResult?> ImportEntryAsync(FileSystemInfo entry, int depth, IBlockStore store, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (entry.LinkTarget is { } target)
        {
            return await ImportSymlinkAsync(entry.FullName, target, store, cancellationToken).ConfigureAwait(false);
        }

        return entry switch
        {
            DirectoryInfo directory => await ImportDirectoryAsync(directory, depth, store, cancellationToken).ConfigureAwait(false),
            FileInfo file => await ImportFileAsync(file, store, cancellationToken).ConfigureAwait(false),
            _ => throw new ImportRefusedException(entry.FullName, $"{entry.FullName} is neither a file nor a folder."),
        };
    }

    private async Task<ImportResult> ImportFileAsync(FileInfo file, IBlockStore store, CancellationToken cancellationToken)
    {
        using var handle = RegularFile.OpenForImport(file.FullName);
        // The length at open bounds the import: a checkpoint file is complete when imported, and a device node
        // (which reports length 0 but never ends) cannot make the import run forever.
        var length = RandomAccess.GetLength(handle);
        if (length <= _options.ChunkSize)
        {
            return await ImportSingleChunkAsync(handle, (int)length, store, cancellationToken).ConfigureAwait(false);
        }

        long offset = 0;
        return await ImportChunksAsync((buffer, _) =>
        {
            var wanted = (int)Math.Min(buffer.Length, length - offset);
            var count = ReadFully(handle, buffer.Span[..wanted], offset);
            offset += count;
            return ValueTask.FromResult(count);
        }, store, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Most checkpoint folders hold many small files: import those without starting a pipeline.</summary>
    private static async Task<ImportResult> ImportSingleChunkAsync(
        Microsoft.Win32.SafeHandles.SafeFileHandle handle, int length, IBlockStore store, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        try
        {
            var read = ReadFully(handle, buffer.AsSpan(0, length), 0);
            var block = Block.Create(MulticodecCode.Raw, buffer.AsMemory(0, read));
            await store.PutAsync(block, cancellationToken).ConfigureAwait(false);
            return new ImportResult(block.Cid, (ulong)read, (ulong)read, 1);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<ImportResult> ImportDirectoryAsync(DirectoryInfo directory, int depth, IBlockStore store, CancellationToken cancellationToken)
    {
        if (depth >= _options.MaxDirectoryDepth)
        {
            throw new ImportRefusedException(directory.FullName, $"{directory.FullName} is nested deeper than {_options.MaxDirectoryDepth} folders.");
        }

        var builder = new UnixFsDirectoryBuilder(_options.HamtThresholdBytes);
        ulong contentSize = 0;
        long blockCount = 1;
        var entries = directory.EnumerateFileSystemInfos()
            .OrderBy(entry => entry.Name, Comparer<string>.Create((left, right) => DagPbEncoder.CompareNames(left, right)));
        foreach (var entry in entries)
        {
            if (!_options.IncludeHidden && entry.Name.StartsWith('.'))
            {
                ImportLog.HiddenSkipped(_logger, entry.FullName);
                continue;
            }

            if (await ImportEntryAsync(entry, depth + 1, store, cancellationToken).ConfigureAwait(false) is not { } child)
            {
                continue;
            }

            builder.Add(entry.Name, child.Cid, child.CumulativeSize);
            contentSize += child.ContentSize;
            blockCount += child.BlockCount;
        }

        // Past Kubo's threshold this is a HAMT: several shard blocks, the root last.
        var built = builder.BuildBlocks();
        foreach (var block in built.Blocks)
        {
            await store.PutAsync(block, cancellationToken).ConfigureAwait(false);
        }

        return new ImportResult(built.Root, contentSize, built.CumulativeSize, blockCount - 1 + built.Blocks.Count);
    }

    private async Task<ImportResult?> ImportSymlinkAsync(string path, string target, IBlockStore store, CancellationToken cancellationToken)
    {
        switch (_options.Symlinks)
        {
            case SymlinkPolicy.Skip:
                ImportLog.SymlinkSkipped(_logger, path);
                return null;
            case SymlinkPolicy.Preserve:
                var data = UnixFsDataCodec.Encode(new UnixFsData { Type = UnixFsType.Symlink, Data = Encoding.UTF8.GetBytes(target) });
                var block = Block.Create(MulticodecCode.DagPb, DagPbEncoder.Encode(new PbNode([], data)));
                await store.PutAsync(block, cancellationToken).ConfigureAwait(false);
                return new ImportResult(block.Cid, 0, (ulong)block.Data.Length, 1);
            default:
                throw new ImportRefusedException(path,
                    $"{path} is a symbolic link (to {target}); links are refused by default. Replace it with the file, or set Symlinks to Skip or Preserve.");
        }
    }

    private static int ReadFully(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var count = RandomAccess.Read(handle, buffer[total..], offset + total);
            if (count == 0)
            {
                break;
            }

            total += count;
        }

        return total;
    }
}
