using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DePinGpu.Ipfs.Blocks;

/// <summary>The one durability primitive .NET lacks: <c>syncfs(2)</c> (flush a whole file system in one call).</summary>
internal static class NativeFileSystem
{
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

    [DllImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static extern int SyncFs(int fileDescriptor);
}
