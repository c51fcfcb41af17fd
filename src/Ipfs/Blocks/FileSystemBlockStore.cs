using System.Buffers;
using System.Runtime.CompilerServices;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Ipfs.Blocks;

/// <summary>
/// The node's block store: one file per block under <c>blocks/&lt;shard&gt;/</c>, written to <c>tmp/</c> and renamed into
/// place so no reader ever sees a partial file, with byte accounting, an optional capacity, a durability policy
/// (<see cref="FsyncPolicy"/>) and crash recovery that re-hashes blocks of an unflushed window. One process at a time
/// (an exclusive lock file). Open with <see cref="OpenAsync"/>.
/// </summary>
public sealed class FileSystemBlockStore : IBlockStore, IDisposable
{
    private readonly BlockStoreOptions _options;
    private readonly BlockFileLayout _layout;
    private readonly FileStream _lockFile;
    private readonly UnflushedWindow? _window;
    private readonly BlockStoreAccounting _accounting;
    private readonly BlockFileWriter _writer;
    private readonly ILogger _logger;
    private int _disposed;

    private FileSystemBlockStore(BlockStoreOptions options, BlockFileLayout layout, FileStream lockFile, ILogger logger)
    {
        _options = options;
        _layout = layout;
        _lockFile = lockFile;
        _logger = logger;
        _window = options.Fsync == FsyncPolicy.Batched ? new UnflushedWindow(layout.UnflushedMarkerPath, lockFile.SafeFileHandle) : null;
        _accounting = new BlockStoreAccounting(options.CapacityBytes);
        _writer = new BlockFileWriter(layout, _accounting, _window, new BlockFileRecycler(options.RecycledFileBytes), options.Fsync == FsyncPolicy.PerBlock);
    }

    /// <summary>The store's folder.</summary>
    public string RootPath => _layout.RootPath;

    /// <summary>Opens (or creates) the store: takes its lock, removes temporary files, runs crash recovery, counts usage.</summary>
    public static Task<FileSystemBlockStore> OpenAsync(
        BlockStoreOptions options, ILogger<FileSystemBlockStore>? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Task.Run(() => Open(options, logger, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// <see cref="OpenAsync"/> on the calling thread, for a dependency-injection factory (the container builds singletons
    /// synchronously; the folder is scanned once, at start-up).
    /// </summary>
    public static FileSystemBlockStore Open(BlockStoreOptions options, ILogger<FileSystemBlockStore>? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var layout = new BlockFileLayout(options.RootPath);
        layout.CreateFolders();
        var lockFile = TakeLock(layout.LockFilePath);
        var store = new FileSystemBlockStore(options, layout, lockFile, (ILogger?)logger ?? NullLogger.Instance);
        try
        {
            store.Recover(cancellationToken);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(IsIdentity(cid) || File.Exists(_layout.PathOf(cid)));
    }

    /// <inheritdoc />
    public ValueTask<byte[]?> GetAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        cancellationToken.ThrowIfCancellationRequested();
        if (IsIdentity(cid))
        {
            return ValueTask.FromResult<byte[]?>(cid.Hash.Digest.ToArray());
        }

        return ValueTask.FromResult(ReadBlock(cid, length => new byte[length], array => array));
    }

    /// <inheritdoc />
    public ValueTask<IMemoryOwner<byte>?> RentAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        cancellationToken.ThrowIfCancellationRequested();
        if (IsIdentity(cid))
        {
            var inline = new PooledBlockMemory(cid.Hash.Digest.Length);
            cid.Hash.Digest.CopyTo(inline.Memory.Span);
            return ValueTask.FromResult<IMemoryOwner<byte>?>(inline);
        }

        return ValueTask.FromResult<IMemoryOwner<byte>?>(
            ReadBlock(cid, length => new PooledBlockMemory(length), owner => owner.Memory, owner => owner.Dispose()));
    }

    /// <inheritdoc />
    public ValueTask<int?> GetSizeAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        cancellationToken.ThrowIfCancellationRequested();
        if (IsIdentity(cid))
        {
            return ValueTask.FromResult<int?>(cid.Hash.Digest.Length);
        }

        var file = new FileInfo(_layout.PathOf(cid));
        return ValueTask.FromResult(file.Exists ? (int?)file.Length : null);
    }

    /// <inheritdoc />
    public ValueTask<bool> PutAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (IsIdentity(block.Cid))
        {
            return ValueTask.FromResult(false);
        }

        if (block.Data.Length > _options.MaxBlockSize)
        {
            throw new ArgumentException(
                $"Block {block.Cid} is {block.Data.Length} bytes, more than this store's limit of {_options.MaxBlockSize}.", nameof(block));
        }

        var path = _layout.PathOf(block.Cid);
        return ValueTask.FromResult(!File.Exists(path) && _writer.Write(block, path));
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(!IsIdentity(cid) && _writer.Remove(_layout.PathOf(cid)));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Cid> EnumerateAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var shard in Directory.EnumerateDirectories(_layout.BlocksPath))
        {
            foreach (var file in Directory.EnumerateFiles(shard))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (BlockFileLayout.CidOfFile(file) is { } cid)
                {
                    yield return cid;
                }
                else
                {
                    BlockStoreLog.UnrecognizedFile(_logger, file);
                }
            }
        }
    }

    /// <inheritdoc />
    public ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = Environment.TickCount64;
        switch (_options.Fsync)
        {
            case FsyncPolicy.Batched:
                _window!.Flush();
                break;
            case FsyncPolicy.PerBlock:
                // Block data is already durable; this makes the renames (directory entries) durable too.
                NativeFileSystem.SyncFileSystem(_lockFile.SafeFileHandle);
                break;
        }

        BlockStoreLog.Flushed(_logger, Environment.TickCount64 - started);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public BlockStoreUsage GetUsage() => _accounting.Usage;

    /// <summary>Re-hashes every stored block and removes corrupt ones; returns how many were removed.</summary>
    public Task<long> VerifyAllAsync(CancellationToken cancellationToken = default) =>
        Task.Run(() => new BlockStoreScrubber(_layout, _options.MaxBlockSize, _logger).Scrub(DateTime.MinValue, _writer.Remove, cancellationToken).Removed, cancellationToken);

    /// <summary>Flushes (unless the policy is <see cref="FsyncPolicy.None"/>) and releases the store's lock.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (_options.Fsync != FsyncPolicy.None)
            {
                FlushAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }
        }
        finally
        {
            _lockFile.Dispose();
        }
    }

    /// <summary>Test hook: releases the lock as a killed process would, leaving any recovery marker behind.</summary>
    internal void AbandonWithoutFlush()
    {
        Interlocked.Exchange(ref _disposed, 1);
        _lockFile.Dispose();
    }

    private static bool IsIdentity(Cid cid) => cid.Hash.Code == MulticodecCode.Identity;

    private static FileStream TakeLock(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception)
        {
            throw new IOException($"The block store lock {path} is held by another process or instance; open each store once.", exception);
        }
    }

    private void Recover(CancellationToken cancellationToken)
    {
        var temporary = Directory.GetFiles(_layout.TemporaryPath);
        foreach (var file in temporary)
        {
            File.Delete(file);
        }

        if (temporary.Length > 0)
        {
            BlockStoreLog.TemporaryFilesRemoved(_logger, temporary.Length);
        }

        var since = UnflushedWindow.ReadLeftover(_layout.UnflushedMarkerPath);
        if (since is { } start)
        {
            BlockStoreLog.RecoveryStarted(_logger, start);
        }

        var scrubber = new BlockStoreScrubber(_layout, _options.MaxBlockSize, _logger);
        // A torn marker reads as DateTime.MinValue ("scrub everything"), which the slack must not push below the
        // smallest DateTime (that threw, and the store could not be opened again).
        var verifySince = since is { } from
            ? (from.Ticks > UnflushedWindow.ClockSlack.Ticks ? from - UnflushedWindow.ClockSlack : DateTime.MinValue)
            : DateTime.MaxValue;
        var result = scrubber.Scrub(verifySince, DeleteUncounted, cancellationToken);
        if (since is not null)
        {
            BlockStoreLog.RecoveryFinished(_logger, result.Checked, result.Removed);
            NativeFileSystem.SyncFileSystem(_lockFile.SafeFileHandle);
            File.Delete(_layout.UnflushedMarkerPath);
        }

        _accounting.Reset(result.BlockCount, result.TotalBytes);
        BlockStoreLog.Opened(_logger, _layout.RootPath, result.BlockCount, result.TotalBytes, _options.Fsync);
    }

    private static bool DeleteUncounted(string path)
    {
        File.Delete(path);
        return true;
    }

    private T? ReadBlock<T>(Cid cid, Func<int, T> allocate, Func<T, Memory<byte>> memoryOf, Action<T>? release = null)
        where T : class
    {
        var path = _layout.PathOf(cid);
        var result = BlockFileReader.Read(path, _options.MaxBlockSize, allocate, memoryOf);
        if (result is null)
        {
            return null;
        }

        var (value, complete) = result.Value;
        if (complete && (!_options.VerifyOnRead || cid.Hash.Matches(memoryOf(value).Span)))
        {
            return value;
        }

        release?.Invoke(value);
        _writer.Remove(path);
        BlockStoreLog.CorruptBlockRemoved(_logger, cid.ToString());
        throw new CorruptBlockException(cid);
    }
}
