namespace DePinGpu.Ipfs.Blocks;

/// <summary>Reads one block file into caller-chosen memory (a new array or a pooled buffer).</summary>
internal static class BlockFileReader
{
    /// <summary>
    /// Reads <paramref name="path"/>; null when the file does not exist. <c>Complete</c> is false when the file is larger
    /// than <paramref name="maxBlockSize"/> or shrank while being read — both mean the stored copy is not a valid block.
    /// </summary>
    public static (T Value, bool Complete)? Read<T>(string path, int maxBlockSize, Func<int, T> allocate, Func<T, Memory<byte>> memoryOf)
    {
        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        using (handle)
        {
            var fileLength = RandomAccess.GetLength(handle);
            var length = (int)Math.Min(fileLength, maxBlockSize);
            var value = allocate(length);
            var memory = memoryOf(value);
            var read = 0;
            while (read < length)
            {
                var count = RandomAccess.Read(handle, memory.Span[read..], read);
                if (count == 0)
                {
                    break;
                }

                read += count;
            }

            return (value, read == length && fileLength <= maxBlockSize);
        }
    }
}
