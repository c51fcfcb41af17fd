using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DePinGpu.Ipfs.Blocks;

/// <summary>
/// The two Linux calls .NET lacks: <c>syncfs(2)</c> (flush a whole file system in one call) and
/// <c>renameat2(RENAME_NOREPLACE)</c> (move a file into place unless the name exists, in one atomic call).
/// </summary>
internal static class NativeFileSystem
{
    private const int CurrentDirectory = -100;
    private const uint NoReplace = 1;
    private const int AlreadyExists = 17;
    private const int DirectoryReadOnly = 0x10000 | 0x80000;

    /// <summary>Outcome of <see cref="TryRenameNoReplace"/>.</summary>
    public enum RenameOutcome
    {
        Renamed,
        DestinationExists,
        Unsupported,
    }

    /// <summary>Renames <paramref name="source"/> to <paramref name="destination"/> unless that exists (Linux only).</summary>
    public static RenameOutcome TryRenameNoReplace(string source, string destination)
    {
        if (!OperatingSystem.IsLinux())
        {
            return RenameOutcome.Unsupported;
        }

        if (RenameAt2(CurrentDirectory, source, CurrentDirectory, destination, NoReplace) == 0)
        {
            return RenameOutcome.Renamed;
        }

        var error = Marshal.GetLastPInvokeError();
        // EINVAL/ENOSYS: the file system or kernel lacks RENAME_NOREPLACE; the caller falls back to File.Move.
        return error == AlreadyExists ? RenameOutcome.DestinationExists : RenameOutcome.Unsupported;
    }

    /// <summary>Flushes every dirty page of the file system holding <paramref name="anyFileOnIt"/>.</summary>
    public static void SyncFileSystem(SafeFileHandle anyFileOnIt)
    {
        if (!OperatingSystem.IsLinux())
        {
            // Elsewhere the per-file flushes of FsyncPolicy.PerBlock are the portable alternative; Batched flushes
            // only the handle we hold, which still orders the recovery marker.
            RandomAccess.FlushToDisk(anyFileOnIt);
            return;
        }

        var added = false;
        anyFileOnIt.DangerousAddRef(ref added);
        try
        {
            if (SyncFs((int)anyFileOnIt.DangerousGetHandle()) != 0)
            {
                throw new IOException($"syncfs failed with errno {Marshal.GetLastPInvokeError()}; the block store cannot guarantee durability.");
            }
        }
        finally
        {
            if (added)
            {
                anyFileOnIt.DangerousRelease();
            }
        }
    }

    /// <summary>Makes a directory's entries (a file just created or renamed in it) durable; a no-op off Linux.</summary>
    public static void FsyncDirectory(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var descriptor = OpenDirectory(path, DirectoryReadOnly);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open {path} to make it durable (errno {Marshal.GetLastPInvokeError()}).");
        }

        using var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        RandomAccess.FlushToDisk(handle);
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int OpenDirectory([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(
        int sourceDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string source, int destinationDirectory,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string destination, uint flags);

    [DllImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static extern int SyncFs(int fileDescriptor);
}
