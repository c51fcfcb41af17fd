namespace DePinGpu.Ipfs.Blocks;

/// <summary>Writes block files (temporary file, optional fsync, rename without overwrite) and removes them, keeping accounting exact.</summary>
internal sealed class BlockFileWriter
{
    private readonly BlockFileLayout _layout;
    private readonly BlockStoreAccounting _accounting;
    private readonly UnflushedWindow? _window;
    private readonly bool _fsyncEachBlock;

    public BlockFileWriter(BlockFileLayout layout, BlockStoreAccounting accounting, UnflushedWindow? window, bool fsyncEachBlock)
    {
        _layout = layout;
        _accounting = accounting;
        _window = window;
        _fsyncEachBlock = fsyncEachBlock;
    }

    /// <summary>Writes <paramref name="block"/> to <paramref name="path"/>; false when another writer placed it first.</summary>
    public bool Write(Block block, string path)
    {
        var length = block.Data.Length;
        _accounting.Reserve(length);
        var temporary = _layout.NewTemporaryPath();
        _window?.BeginWrite();
        try
        {
            using (var handle = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                RandomAccess.Write(handle, block.Data.Span, 0);
                if (_fsyncEachBlock)
                {
                    RandomAccess.FlushToDisk(handle);
                }
            }

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
            File.Delete(temporary);
            throw;
        }
        finally
        {
            _window?.EndWrite();
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
        File.Delete(claimed);
        _accounting.Removed(length);
        return true;
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
