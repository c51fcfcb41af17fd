using Microsoft.Win32.SafeHandles;

namespace DePinGpu.Ipfs.Blocks;

/// <summary>
/// Writes block files (temporary file — a recycled one when there is a spare —, optional fsync, rename without
/// overwrite) and removes them (into the recycler while it has room), keeping accounting exact.
/// </summary>
internal sealed class BlockFileWriter
{
    private readonly BlockFileLayout _layout;
    private readonly BlockStoreAccounting _accounting;
    private readonly UnflushedWindow? _window;
    private readonly BlockFileRecycler _recycler;
    private readonly bool _fsyncEachBlock;

    public BlockFileWriter(BlockFileLayout layout, BlockStoreAccounting accounting, UnflushedWindow? window, BlockFileRecycler recycler, bool fsyncEachBlock)
    {
        _layout = layout;
        _accounting = accounting;
        _window = window;
        _recycler = recycler;
        _fsyncEachBlock = fsyncEachBlock;
    }

    /// <summary>
    /// Writes <paramref name="block"/> to <paramref name="path"/>; false when another writer placed it first. A write that
    /// fails (a full disk, also while recording the unflushed window) counts nothing and leaves no temporary file.
    /// </summary>
    public bool Write(Block block, string path)
    {
        var length = block.Data.Length;
        _accounting.Reserve(length);
        string? temporary = null;
        var windowEntered = false;
        try
        {
            _window?.BeginWrite();
            windowEntered = true;
            var spare = _recycler.TryTake();
            temporary = spare?.Path ?? _layout.NewTemporaryPath();
            WriteTemporary(block, ref temporary, spare);
            if (!TryMoveIntoPlace(temporary, path))
            {
                _accounting.Release(length);
                return false;
            }

            _accounting.Added();
            return true;
        }
        catch
        {
            _accounting.Release(length);
            if (temporary is not null)
            {
                File.Delete(temporary);
            }

            throw;
        }
        finally
        {
            if (windowEntered)
            {
                _window?.EndWrite();
            }
        }
    }

    /// <summary>Removes the block file at <paramref name="path"/>; false when it did not exist.</summary>
    public bool Remove(string path)
    {
        // Renaming first claims the file: of two concurrent deletes only one succeeds, so accounting stays exact.
        var claimed = _layout.NewTemporaryPath();
        try
        {
            File.Move(path, claimed);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }

        var length = new FileInfo(claimed).Length;
        if (!_recycler.TryKeep(claimed, length))
        {
            File.Delete(claimed);
        }

        _accounting.Removed(length);
        return true;
    }

    private void WriteTemporary(Block block, ref string temporary, SpareFile? spare)
    {
        using var handle = OpenTemporary(ref temporary, ref spare);
        if (spare?.Length > block.Data.Length)
        {
            RandomAccess.SetLength(handle, block.Data.Length);
        }

        RandomAccess.Write(handle, block.Data.Span, 0);
        if (_fsyncEachBlock)
        {
            RandomAccess.FlushToDisk(handle);
        }
    }

    /// <summary>
    /// Opens the spare file (its old contents are overwritten by the caller), or a new temporary file when there is no
    /// spare or it has vanished (someone cleaned the folder); <paramref name="path"/> and <paramref name="spare"/> then
    /// name the new file.
    /// </summary>
    private SafeFileHandle OpenTemporary(ref string path, ref SpareFile? spare)
    {
        if (spare is not null)
        {
            try
            {
                return File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.None);
            }
            catch (FileNotFoundException)
            {
                // Fall through to a new file: a missing spare costs only the saving it would have brought.
                (path, spare) = (_layout.NewTemporaryPath(), null);
            }
        }

        return File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
    }

    private static bool TryMoveIntoPlace(string temporary, string path)
    {
        switch (NativeFileSystem.TryRenameNoReplace(temporary, path))
        {
            case NativeFileSystem.RenameOutcome.Renamed:
                return true;
            case NativeFileSystem.RenameOutcome.DestinationExists:
                File.Delete(temporary);
                return false;
        }

        try
        {
            // No overwrite: a concurrent put of the same block already placed an identical file.
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }
}
