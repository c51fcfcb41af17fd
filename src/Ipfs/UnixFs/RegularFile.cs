using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DePinGpu.Ipfs.UnixFs;

/// <summary>
/// Opens a file for import only if it is a regular, seekable file. Checkpoint folders are written by untrusted workloads:
/// a FIFO would block a plain open forever, so on Linux the file is opened non-blocking and anything unseekable
/// (FIFO, socket) is refused before a single read.
/// </summary>
internal static class RegularFile
{
    private const int ReadOnly = 0;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;
    private const int SeekEnd = 2;
    private const int NoSuchFile = 2;

    public static SafeFileHandle OpenForImport(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        }

        var descriptor = Open(path, ReadOnly | NonBlocking | CloseOnExec);
        if (descriptor < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw error == NoSuchFile
                ? new FileNotFoundException($"{path} disappeared during the import.", path)
                : new IOException($"Cannot open {path} for import (errno {error}).");
        }

        var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        if (Seek(descriptor, 0, SeekEnd) < 0)
        {
            handle.Dispose();
            throw new ImportRefusedException(path, $"{path} is not a regular file (a FIFO, socket or device); only regular files are imported.");
        }

        return handle;
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static extern long Seek(int descriptor, long offset, int whence);
}
